package procos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import procos.das.vector.Chunk;
import procos.das.vector.ScoredChunk;
import procos.das.vector.SearchMode;
import procos.das.vector.VectorDimension;
import procos.das.vector.VectorQuery;
import procos.das.vector.VectorRepository;
import procos.das.vector.lucene.LuceneSettings;
import procos.das.vector.lucene.LuceneVectorRepository;

/**
 * Retrieval benchmark of the embedded vector store ({@code procos.das.vector.lucene}): build rate,
 * query latency (p50/p99) and recall@10 against exact brute-force search, dense and hybrid, at each
 * corpus size. Data are synthetic (see {@link SyntheticCorpus}) and the output says so.
 *
 * <p>Run after {@code mvn install -DskipTests}: {@code mvn -q -pl procos-bench exec:java -Dbench.main=procos.bench.VectorBenchmark}
 * (options: {@code -Dexec.args="--sizes 10000,100000 --queries 1000"}).
 */
public final class VectorBenchmark {

    static final double TARGET_RECALL = 0.95;
    static final double TARGET_P99_MS = 10.0;
    static final int TARGET_SIZE = 100_000;

    private static final int K = 10;
    private static final int DIMENSION = 384;
    private static final long SEED = 42;
    private static final int BATCH = 1_000;
    private static final int WARMUP_QUERIES = 200;

    private VectorBenchmark() {
    }

    /** One measured way of searching at one size. */
    record Measurement(int size, String search, double recall, LatencyBenchmark.Stats latency) {
    }

    /** Building one index, then compacting it into one segment. */
    record Build(int size, double seconds, long bytes, int segments, double compactSeconds) {
    }

    public static void main(String[] args) throws IOException {
        List<Integer> sizes = List.of(10_000, 100_000);
        int queries = 1_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = Stream.of(args[i + 1].split(",")).map(String::strip).map(Integer::parseInt).toList();
                case "--queries" -> queries = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --sizes N,N --queries N");
            }
        }
        ZonedDateTime started = ZonedDateTime.now();
        double loadBefore = loadAverage();
        List<Build> builds = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        Path work = Files.createTempDirectory("procos-vector-bench");
        try {
            for (int size : sizes) {
                run(size, queries, work.resolve("index-" + size), builds, measurements);
            }
        } finally {
            deleteTree(work);
        }
        String report = report(started, queries, builds, measurements, loadBefore, loadAverage());
        System.out.println(report);
        Path out = Path.of(System.getProperty("procos.bench.dir", ".")).resolve("target/vector-benchmark-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("(written to " + out + ")");
    }

    private static void run(int size, int queryCount, Path dir, List<Build> builds, List<Measurement> measurements) throws IOException {
        SyntheticCorpus corpus = new SyntheticCorpus(DIMENSION, SEED);
        List<Chunk> chunks = corpus.chunks(size);
        List<SyntheticCorpus.Query> warmup = Stream.generate(corpus::query).limit(WARMUP_QUERIES).toList();
        List<SyntheticCorpus.Query> queries = Stream.generate(corpus::query).limit(queryCount).toList();
        progress("%,d chunks: computing the exact top %d of %,d queries by brute force", size, K, queryCount);
        List<List<String>> truth = queries.parallelStream().map(q -> SyntheticCorpus.exactTopK(q.vector(), chunks, K)).toList();

        long start = System.nanoTime();
        try (VectorRepository repository = open(dir, LuceneSettings.DEFAULT_OVERSAMPLING)) {
            for (int from = 0; from < size; from += BATCH) {
                repository.upsert(chunks.subList(from, Math.min(from + BATCH, size)));
                if ((from / BATCH) % 10 == 9) {
                    progress("%,d chunks: %,d inserted", size, from + BATCH);
                }
            }
        }
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        int segments = segments(dir);
        try (VectorRepository repository = open(dir, LuceneSettings.DEFAULT_OVERSAMPLING)) {
            measurements.add(measure(size, "dense, oversampling " + LuceneSettings.DEFAULT_OVERSAMPLING + ", as built ("
                    + segments + " segments, before compaction)", repository, SearchMode.DENSE, warmup, queries, truth));
            progress("%,d chunks: compacting %d segments into one", size, segments);
            start = System.nanoTime();
            repository.compact();
        }
        builds.add(new Build(size, buildSeconds, directorySize(dir), segments, (System.nanoTime() - start) / 1e9));

        for (int oversampling : List.of(1, LuceneSettings.DEFAULT_OVERSAMPLING)) {
            try (VectorRepository repository = open(dir, oversampling)) {
                String label = "dense, oversampling " + oversampling + (oversampling == 1 ? " (HNSW asked for k)" : " (default)");
                measurements.add(measure(size, label, repository, SearchMode.DENSE, warmup, queries, truth));
                if (oversampling == LuceneSettings.DEFAULT_OVERSAMPLING) {
                    measurements.add(measure(size, "hybrid (dense + BM25, RRF)", repository, SearchMode.HYBRID, warmup, queries, null));
                }
            }
        }
    }

    private static Measurement measure(int size, String label, VectorRepository repository, SearchMode mode,
                                       List<SyntheticCorpus.Query> warmup, List<SyntheticCorpus.Query> queries, List<List<String>> truth) {
        progress("%,d chunks: measuring %s", size, label);
        for (SyntheticCorpus.Query query : warmup) {
            repository.query(new VectorQuery(query.vector(), query.text(), K, Map.of(), mode));
        }
        long[] nanos = new long[queries.size()];
        double found = 0;
        for (int i = 0; i < queries.size(); i++) {
            SyntheticCorpus.Query query = queries.get(i);
            long start = System.nanoTime();
            List<ScoredChunk> hits = repository.query(new VectorQuery(query.vector(), query.text(), K, Map.of(), mode));
            nanos[i] = System.nanoTime() - start;
            if (truth != null) {
                Set<String> exact = new HashSet<>(truth.get(i));
                found += hits.stream().filter(hit -> exact.contains(hit.chunk().id())).count();
            }
        }
        double recall = truth == null ? Double.NaN : found / ((double) K * queries.size());
        return new Measurement(size, label, recall, LatencyBenchmark.Stats.of(nanos));
    }

    private static int segments(Path dir) throws IOException {
        try (Directory directory = FSDirectory.open(dir)) {
            return SegmentInfos.readLatestCommit(directory).size();
        }
    }

    private static VectorRepository open(Path dir, int oversampling) {
        return LuceneVectorRepository.open(new LuceneSettings(dir, new VectorDimension(DIMENSION), oversampling));
    }

    private static String report(ZonedDateTime started, int queries, List<Build> builds, List<Measurement> measurements,
                                 double loadBefore, double loadAfter) {
        Runtime runtime = Runtime.getRuntime();
        StringBuilder md = new StringBuilder("# Vector retrieval benchmark (embedded Lucene index)\n\n");
        md.append("- when: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- machine: ").append(runtime.availableProcessors()).append(" cores, JVM ")
                .append(System.getProperty("java.runtime.version")).append(", max heap ")
                .append(runtime.maxMemory() >> 20).append(" MiB\n");
        // Latency on a shared machine is only as good as its idle cores: say how busy it was.
        md.append(String.format(Locale.ROOT, "- system load average (1 min): %.1f at the start, %.1f at the end%n", loadBefore, loadAfter));
        md.append(String.format(Locale.ROOT, "- **data: SYNTHETIC**, not real embeddings: %d-dim unit vectors around %d random "
                        + "cluster centres (per-component spread %.2f), fixed seed %d; texts of cluster topic words and common words. "
                        + "Real embeddings of 100k chunks would take about an hour here (≈ 31–90 chunks/s).%n",
                DIMENSION, SyntheticCorpus.CLUSTERS, SyntheticCorpus.SPREAD, SEED));
        md.append(String.format(Locale.ROOT, "- %,d measured queries per row after %d warm-up queries, k = %d, one thread, "
                + "one query at a time; recall@10 = share of the exact top 10 (brute-force cosine) that the search returned%n%n",
                queries, WARMUP_QUERIES, K));

        md.append("## Build (upsert in batches of ").append(BATCH).append(", each committed to disk), then `compact()`\n\n");
        md.append("| chunks | build s | chunks/s | segments as built | compact s | index on disk MiB |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Build build : builds) {
            md.append(String.format(Locale.ROOT, "| %,d | %.1f | %,.0f | %d | %.1f | %.1f |%n", build.size(), build.seconds(),
                    build.size() / build.seconds(), build.segments(), build.compactSeconds(), build.bytes() / 1048576.0));
        }
        md.append("\n## Queries\n\n");
        md.append(String.format(Locale.ROOT, "Targets (from the issue, at %,d chunks): recall@10 ≥ %.2f, p99 ≤ %.0f ms. ✓ met, ✗ missed.%n%n",
                TARGET_SIZE, TARGET_RECALL, TARGET_P99_MS));
        md.append("| chunks | search | recall@10 | target recall | p50 ms | p99 ms | target p99 |\n|---:|---|---:|---|---:|---:|---|\n");
        measurements.sort(Comparator.comparingInt(Measurement::size)); // stable: keeps the measuring order within a size
        for (Measurement m : measurements) {
            double p99 = m.latency().p99Micros() / 1000.0;
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %.2f | %.2f | %s |%n", m.size(), m.search(),
                    Double.isNaN(m.recall()) ? "–" : String.format(Locale.ROOT, "%.3f", m.recall()),
                    Double.isNaN(m.recall()) ? "–" : "≥ 0.95 " + (m.recall() >= TARGET_RECALL ? "✓" : "✗"),
                    m.latency().p50Micros() / 1000.0, p99, "≤ 10 ms " + (p99 <= TARGET_P99_MS ? "✓" : "✗")));
        }
        md.append("\nEvery row but the \"as built\" one is measured after `compact()` merged the index into one segment, "
                + "as an ingestion run or an import leaves it.\n");
        md.append("Hybrid rows have no recall: their ranking mixes in BM25 on purpose, so the dense ground truth does not apply.\n");
        return md.toString();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
