package procos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import procos.das.knowledge.IngestionReport;
import procos.das.knowledge.IngestionSettings;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.WordPieceTokenCounter;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.progress.LoggingProgressListener;

/**
 * DAS ingestion benchmark: a program, not a test. On a generated Markdown corpus
 * ({@link BenchCorpus}), in one JVM and one run, it measures chunks per second of the whole
 * ingestion pipeline ({@link KnowledgeIngestor}: hash, detect, decode, chunk with the real
 * tokenizer, embed, store, manifest) and of the raw embedding model ({@code embedAll} in batches of
 * the same size, same threads) on exactly the chunk texts the pipeline produced, alternating the
 * two for several rounds so both see the same machine load. The target is pipeline ≥ 0.9 × raw.
 *
 * <p>{@code --compare} also embeds a sample with both ONNX models and prints how close the
 * quantized model's vectors are to the full-precision ones.
 *
 * <pre>
 * mvn -q -pl procos-bench exec:java -Dbench.main=procos.bench.IngestBenchmark -Dexec.args="--files 40 --rounds 3 --compare"
 * </pre>
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Path.of(System.getProperty("procos.bench.dir", ".")).resolve("target/bench-ingest");
        DispatchBenchmark.deleteTree(work);
        Path corpus = work.resolve("corpus");
        BenchCorpus.write(corpus, options.files, options.sections, 42);
        System.setProperty("procos.log.file", work.resolve("ingest.jsonl").toString());
        long bytes;
        try (Stream<Path> files = Files.list(corpus)) {
            bytes = files.mapToLong(IngestBenchmark::size).sum();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Corpus: %d generated Markdown files, %,d bytes; model %s; %d cores, %d inference threads%n",
                options.files, bytes, options.model.configName(), cores, cores);

        long loadStart = System.nanoTime();
        try (OnnxEmbedder embedder = new OnnxEmbedder(options.model)) {
            Chunker chunker = new Chunker(new WordPieceTokenCounter(), IngestionSettings.DEFAULT.chunking());
            System.out.printf(Locale.ROOT, "Model and tokenizer loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
            embedder.embedAll(List.of("warm up the model", "and its threads", "before measuring", "anything"));

            System.out.println();
            System.out.println("| round | chunks | pipeline chunks/s | lane busy in embedAll | pipeline cores | pipeline CPU ms/chunk "
                    + "| raw embedAll chunks/s | raw cores | raw CPU ms/chunk | pipeline / raw |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int round = 1; round <= options.rounds; round++) {
                KeptChunks store = new KeptChunks();
                Path manifest = work.resolve("manifest-" + round + ".jsonl");
                TimedEmbedder timed = new TimedEmbedder(embedder);
                KnowledgeIngestor ingestor = new KnowledgeIngestor(timed, store, Manifest.load(manifest),
                        new LoggingProgressListener(Duration.ofSeconds(5)), chunker, IngestionSettings.DEFAULT);
                CpuMeter pipelineCpu = new CpuMeter(Map.of("bench", ProcessHandle.current().pid()));
                long start = System.nanoTime();
                IngestionReport report = ingestor.ingest(corpus);
                double pipelineSeconds = (System.nanoTime() - start) / 1e9;
                double pipelineCores = pipelineCpu.read().processCores().getOrDefault("bench", -1.0);

                List<String> texts = store.texts();
                CpuMeter rawCpu = new CpuMeter(Map.of("bench", ProcessHandle.current().pid()));
                start = System.nanoTime();
                int batch = IngestionSettings.DEFAULT.batchSize();
                for (int from = 0; from < texts.size(); from += batch) {
                    embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + batch)));
                }
                double rawSeconds = (System.nanoTime() - start) / 1e9;
                double rawCores = rawCpu.read().processCores().getOrDefault("bench", -1.0);

                double pipelineRate = report.chunksEmbedded() / pipelineSeconds;
                double rawRate = texts.size() / rawSeconds;
                System.out.printf(Locale.ROOT, "| %d | %,d | %.1f | %.0f %% | %.2f | %.1f | %.1f | %.2f | %.1f | %.2f %s |%n", round,
                        texts.size(), pipelineRate, 100 * timed.seconds() / pipelineSeconds, pipelineCores,
                        1000 * pipelineCores * pipelineSeconds / texts.size(), rawRate, rawCores,
                        1000 * rawCores * rawSeconds / texts.size(), pipelineRate / rawRate,
                        pipelineRate / rawRate >= 0.9 ? "✓" : "✗");
            }
            System.out.printf(Locale.ROOT, "%nMachine while measuring: %s%n",
                    CpuMeter.sample(Map.of(), 1000).describe());
            if (options.compare) {
                compareModels(embedder, options, corpus, chunker);
            }
        }
    }

    /** Cosine between the two models' vectors of the same chunks (both are unit length, so the dot product). */
    private static void compareModels(OnnxEmbedder used, Options options, Path corpus, Chunker chunker) throws IOException {
        OnnxModel other = options.model == OnnxModel.ALL_MINILM_L6_V2_Q ? OnnxModel.ALL_MINILM_L6_V2 : OnnxModel.ALL_MINILM_L6_V2_Q;
        List<String> sample = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus).sorted().limit(5)) {
            for (Path file : files.toList()) {
                chunker.chunk(Files.newBufferedReader(file), true, chunk -> sample.add(chunk.text()));
            }
        }
        try (OnnxEmbedder second = new OnnxEmbedder(other)) {
            List<float[]> a = used.embedAll(sample);
            List<float[]> b = second.embedAll(sample);
            double sum = 0;
            double min = 1;
            for (int i = 0; i < sample.size(); i++) {
                double cosine = 0;
                for (int d = 0; d < a.get(i).length; d++) {
                    cosine += a.get(i)[d] * b.get(i)[d];
                }
                sum += cosine;
                min = Math.min(min, cosine);
            }
            System.out.printf(Locale.ROOT, "%s vs %s on %d chunks: mean cosine %.4f, min %.4f%n",
                    options.model.configName(), other.configName(), sample.size(), sum / sample.size(), min);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Command-line options: {@code --model NAME --files N --sections N --rounds N --compare}. */
    private record Options(OnnxModel model, int files, int sections, int rounds, boolean compare) {

        static Options parse(String[] args) {
            OnnxModel model = OnnxModel.DEFAULT;
            int files = 40;
            int sections = 6;
            int rounds = 3;
            boolean compare = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--model" -> model = OnnxModel.fromName("--model", args[++i]);
                    case "--files" -> files = Integer.parseInt(args[++i]);
                    case "--sections" -> sections = Integer.parseInt(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--compare" -> compare = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --model all-minilm-l6-v2|all-minilm-l6-v2-q, --files N, --sections N, --rounds N, --compare)");
                }
            }
            return new Options(model, files, sections, rounds, compare);
        }
    }
}
