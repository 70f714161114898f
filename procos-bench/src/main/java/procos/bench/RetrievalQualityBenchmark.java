package procos.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import procos.das.knowledge.IngestionReport;
import procos.das.knowledge.IngestionSettings;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.Outcome;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.WordPieceTokenCounter;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.progress.LoggingProgressListener;
import procos.das.rag.Citation;
import procos.das.rag.LanguageModel;
import procos.das.rag.Question;
import procos.das.rag.RagService;
import procos.das.rag.RagSettings;
import procos.das.vector.SearchMode;
import procos.das.vector.VectorDimension;
import procos.das.vector.VectorRepository;
import procos.das.vector.lucene.LuceneSettings;
import procos.das.vector.lucene.LuceneVectorRepository;

/**
 * Retrieval quality, dense against hybrid, on a public question set: the Python FAQ
 * ({@link PythonFaq}, Debian package {@code python3-doc}). Each answer becomes its own Markdown
 * file; the folder goes through the real ingestion ({@link KnowledgeIngestor}: chunker, in-process
 * embedding model, embedded Lucene index in a temporary folder); each question is then asked
 * through {@link RagService#retrieve} with k = 10, once dense and once hybrid. A hit is any
 * retrieved chunk cut from that question's answer file. Printed as Markdown and written to
 * {@code procos-bench/target/retrieval-quality-results.md}.
 *
 * <p>The ranking is read with the relevance threshold off (so every one of the k chunks is seen,
 * with its cosine); the product's threshold ({@link RagSettings#DEFAULTS}) is then applied to the
 * same figures to count the questions it would answer "not found".
 *
 * <pre>
 * mvn -q -pl procos-bench exec:java -Dbench.main=procos.bench.RetrievalQualityBenchmark
 * mvn -q -pl procos-bench exec:java -Dbench.main=procos.bench.RetrievalQualityBenchmark -Dexec.args="--model all-minilm-l6-v2 --faq-dir /usr/share/doc/python3.11/html/faq"
 * </pre>
 */
public final class RetrievalQualityBenchmark {

    static final int K = 10;
    private static final List<SearchMode> MODES = List.of(SearchMode.DENSE, SearchMode.HYBRID);
    /** How many examples each list of differences shows. */
    private static final int EXAMPLES = 6;

    private RetrievalQualityBenchmark() {
    }

    /**
     * Where one question's answer came in one mode.
     *
     * @param rank          1-based rank of the first chunk of the answer file among the k retrieved, 0 when none was
     * @param bestRelevance the highest cosine of question and retrieved chunk
     * @param keptHit       whether a chunk of the answer file was retrieved at or above the product's threshold
     * @param topFile       the file of the chunk ranked first
     */
    record Ranking(PythonFaq.Entry entry, SearchMode mode, int rank, double bestRelevance, boolean keptHit, String topFile) {

        boolean hitAt(int n) {
            return rank > 0 && rank <= n;
        }

        double reciprocalRank() {
            return rank == 0 ? 0 : 1.0 / rank;
        }

        boolean notFound(double threshold) {
            return bestRelevance < threshold;
        }
    }

    /** What was ingested. */
    record Corpus(int files, long bytes, long chunks, double ingestSeconds) {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Path faqDir = options.faqDir().isPresent() ? options.faqDir().get()
                : PythonFaq.newestFolder(Path.of(PythonFaq.DEFAULT_DOC_ROOT)).orElse(null);
        if (faqDir == null || !Files.isRegularFile(faqDir.resolve(PythonFaq.PAGES.get(0) + ".html"))) {
            System.err.println("The Python FAQ pages were not found ("
                    + (faqDir == null ? "no " + PythonFaq.DEFAULT_DOC_ROOT + "/python3*/html/faq" : faqDir + " has no general.html")
                    + "). Install them with `apt-get install python3-doc` (Debian/Ubuntu), or pass --faq-dir DIR "
                    + "with the FAQ's HTML pages (general.html, programming.html, …).");
            System.exit(2);
        }
        ZonedDateTime started = ZonedDateTime.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        List<PythonFaq.Entry> entries = new ArrayList<>();
        String generalPage = null;
        for (String page : PythonFaq.PAGES) {
            Path file = faqDir.resolve(page + ".html");
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("FAQ page " + file + " is missing: the question set would not be the documented one");
            }
            String html = Files.readString(file);
            generalPage = generalPage == null ? html : generalPage;
            entries.addAll(PythonFaq.parse(html, page));
        }
        Path work = Path.of(System.getProperty("procos.bench.dir", ".")).resolve("target/bench-quality");
        DispatchBenchmark.deleteTree(work);
        Path corpus = work.resolve("corpus");
        writeCorpus(corpus, entries);
        System.setProperty("procos.log.file", work.resolve("quality.jsonl").toString());
        String dataset = citation(faqDir, generalPage);
        System.out.printf(Locale.ROOT, "Question set: %d questions from %s%nModel %s; ingesting %s%n",
                entries.size(), faqDir, options.model().configName(), corpus);

        Path vectors = Files.createTempDirectory("procos-quality-bench");
        List<Ranking> rankings = new ArrayList<>();
        Corpus ingested;
        try (OnnxEmbedder embedder = new OnnxEmbedder(options.model());
             VectorRepository store = embeddedStore(vectors, embedder.dimension())) {
            KnowledgeIngestor ingestor = new KnowledgeIngestor(embedder, store, Manifest.load(work.resolve("manifest.jsonl")),
                    new LoggingProgressListener(Duration.ofSeconds(5)),
                    new Chunker(new WordPieceTokenCounter(), IngestionSettings.DEFAULT.chunking()), IngestionSettings.DEFAULT);
            long start = System.nanoTime();
            IngestionReport report = ingestor.ingest(corpus);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.abortReason().isPresent() || report.count(Outcome.INDEXED) != entries.size()) {
                report.sources().stream().filter(source -> source.outcome() != Outcome.INDEXED)
                        .forEach(source -> System.err.println(source.outcome() + " " + source.source() + " " + source.reason()));
                throw new IllegalStateException("ingestion indexed " + report.count(Outcome.INDEXED) + " of " + entries.size()
                        + " answer files" + report.abortReason().map(reason -> " (" + reason + ")").orElse(""));
            }
            ingested = new Corpus(entries.size(), directoryBytes(corpus), store.count(), seconds);
            System.out.printf(Locale.ROOT, "Ingested %d files into %,d chunks in %.1f s%n", entries.size(), ingested.chunks(), seconds);

            // The product's retrieval (RagService → Retriever) with the threshold off, to see all k.
            RagSettings unfiltered = new RagSettings(-1, RagSettings.DEFAULTS.maxSentences(), RagSettings.DEFAULTS.sentenceCandidates());
            RagService rag = new RagService(embedder, store, LanguageModel.NONE, unfiltered);
            double threshold = RagSettings.DEFAULTS.minRelevance();
            for (SearchMode mode : MODES) {
                for (PythonFaq.Entry entry : entries) {
                    rankings.add(rank(entry, mode, rag.retrieve(new Question(entry.question(), K, mode, Map.of())), threshold));
                }
                System.out.printf(Locale.ROOT, "Asked %d questions, %s%n", entries.size(), mode.name().toLowerCase(Locale.ROOT));
            }
        } finally {
            DispatchBenchmark.deleteTree(vectors);
        }
        writePerQuestion(work.resolve("per-question.tsv"), entries, rankings);

        String markdown = report(started, options, dataset, ingested, rankings, loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println();
        System.out.println(markdown);
        Path out = Path.of(System.getProperty("procos.bench.dir", ".")).resolve("target/retrieval-quality-results.md");
        Files.writeString(out, markdown);
        System.out.println("(written to " + out + "; every question's ranks in " + work.resolve("per-question.tsv") + ")");
    }

    /** Where the answer's file came among the retrieved chunks. */
    static Ranking rank(PythonFaq.Entry entry, SearchMode mode, List<Citation> retrieved, double threshold) {
        int rank = 0;
        boolean keptHit = false;
        double best = -1;
        for (int i = 0; i < retrieved.size(); i++) {
            Citation citation = retrieved.get(i);
            boolean answer = fileName(citation.sourceId()).equals(entry.fileName());
            if (answer && rank == 0) {
                rank = i + 1;
            }
            keptHit |= answer && citation.relevance() >= threshold;
            best = Math.max(best, citation.relevance());
        }
        String top = retrieved.isEmpty() ? "" : fileName(retrieved.get(0).sourceId());
        return new Ranking(entry, mode, rank, best, keptHit, top);
    }

    private static String fileName(String sourceId) {
        return Path.of(sourceId).getFileName().toString();
    }

    /** The embedded Lucene index in {@code dir}, set up as the server's is when no {@code procos.vector.*} setting is given. */
    private static VectorRepository embeddedStore(Path dir, int dimension) {
        return LuceneVectorRepository.open(new LuceneSettings(dir, new VectorDimension(dimension), LuceneSettings.DEFAULT_OVERSAMPLING));
    }

    private static void writeCorpus(Path corpus, List<PythonFaq.Entry> entries) throws IOException {
        Files.createDirectories(corpus);
        Set<String> names = new HashSet<>();
        for (PythonFaq.Entry entry : entries) {
            if (!names.add(entry.fileName())) {
                throw new IllegalStateException("two FAQ entries map to the file name " + entry.fileName());
            }
            Files.writeString(corpus.resolve(entry.fileName()), entry.answer() + "\n");
        }
    }

    private static void writePerQuestion(Path file, List<PythonFaq.Entry> entries, List<Ranking> rankings) throws IOException {
        StringBuilder tsv = new StringBuilder("page\tid\tquestion\tdense_rank\tdense_best_cosine\tdense_top_file\thybrid_rank\thybrid_best_cosine\thybrid_top_file\n");
        for (PythonFaq.Entry entry : entries) {
            Ranking dense = find(rankings, entry, SearchMode.DENSE);
            Ranking hybrid = find(rankings, entry, SearchMode.HYBRID);
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%.3f\t%s\t%d\t%.3f\t%s%n", entry.page(), entry.id(), entry.question(),
                    dense.rank(), dense.bestRelevance(), dense.topFile(), hybrid.rank(), hybrid.bestRelevance(), hybrid.topFile()));
        }
        Files.writeString(file, tsv);
    }

    private static Ranking find(List<Ranking> rankings, PythonFaq.Entry entry, SearchMode mode) {
        return rankings.stream().filter(r -> r.entry() == entry && r.mode() == mode).findFirst().orElseThrow();
    }

    static String report(ZonedDateTime started, Options options, String dataset, Corpus corpus, List<Ranking> rankings,
                         double loadBefore, double loadAfter) {
        double threshold = RagSettings.DEFAULTS.minRelevance();
        Map<SearchMode, List<Ranking>> byMode = new LinkedHashMap<>();
        for (SearchMode mode : MODES) {
            byMode.put(mode, rankings.stream().filter(r -> r.mode() == mode).toList());
        }
        List<Ranking> dense = byMode.get(SearchMode.DENSE);
        List<Ranking> hybrid = byMode.get(SearchMode.HYBRID);

        StringBuilder md = new StringBuilder("# DAS retrieval quality: Python FAQ, dense vs hybrid\n\n");
        md.append("- when: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JVM ")
                .append(System.getProperty("java.runtime.version"))
                .append(String.format(Locale.ROOT, "; load average %.1f at the start, %.1f at the end (quality does not depend on it)%n",
                        loadBefore, loadAfter));
        md.append("- dataset: ").append(dataset).append('\n');
        md.append(String.format(Locale.ROOT, "- corpus: %d answer files (one per question, answer text only, no question), %,d bytes → "
                        + "%,d chunks; ingested by KnowledgeIngestor (chunker ≤ %d tokens, model `%s`, embedded Lucene index) in %.1f s%n",
                corpus.files(), corpus.bytes(), corpus.chunks(), IngestionSettings.DEFAULT.chunking().maxTokens(),
                options.model().configName(), corpus.ingestSeconds()));
        md.append(String.format(Locale.ROOT, "- method: each question asked through `RagService.retrieve`, k = %d, dense and hybrid "
                + "(dense + BM25, RRF); a hit is any retrieved chunk of that question's answer file; hit@n = share of questions "
                + "with a hit in the first n; MRR@10 = mean of 1/rank of the first hit (0 without one). \"Not found\" = no chunk "
                + "reaches the product's relevance threshold (cosine ≥ %.1f, `RagSettings.DEFAULTS`): the answer would be "
                + "\"Not found in the knowledge base.\", wrongly, since every question has its answer in the corpus%n%n", K, threshold));

        md.append("| | dense | hybrid |\n|---|---:|---:|\n");
        md.append(row("questions", dense, hybrid, list -> String.valueOf(list.size())));
        for (int n : new int[] {1, 3, 5, 10}) {
            String label = n == 5 ? "hit@5 (recall@5)" : "hit@" + n;
            md.append(row(label, dense, hybrid, list -> share(list, r -> r.hitAt(n))));
        }
        md.append(row("MRR@10", dense, hybrid, list -> String.format(Locale.ROOT, "%.3f",
                list.stream().mapToDouble(Ranking::reciprocalRank).average().orElse(0))));
        md.append(row(String.format(Locale.ROOT, "wrongly \"not found\" (no chunk at cosine ≥ %.1f)", threshold), dense, hybrid,
                list -> share(list, r -> r.notFound(threshold))));
        md.append(row(String.format(Locale.ROOT, "hit@10 among the chunks kept (cosine ≥ %.1f)", threshold), dense, hybrid,
                list -> share(list, Ranking::keptHit)));

        md.append("\nBy FAQ page (hit@1 / MRR@10):\n\n| page | questions | dense hit@1 | hybrid hit@1 | dense MRR@10 | hybrid MRR@10 |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (String page : PythonFaq.PAGES) {
            List<Ranking> d = dense.stream().filter(r -> r.entry().page().equals(page)).toList();
            List<Ranking> h = hybrid.stream().filter(r -> r.entry().page().equals(page)).toList();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n", page, d.size(),
                    fraction(d, r -> r.hitAt(1)), fraction(h, r -> r.hitAt(1)), mrr(d), mrr(h)));
        }

        int better = 0;
        int worse = 0;
        List<String> hybridWins = new ArrayList<>();
        List<String> hybridLosses = new ArrayList<>();
        List<String> bothMiss = new ArrayList<>();
        for (int i = 0; i < dense.size(); i++) {
            Ranking d = dense.get(i);
            Ranking h = hybrid.get(i);
            if (h.reciprocalRank() > d.reciprocalRank()) {
                better++;
                hybridWins.add(example(d, h));
            } else if (h.reciprocalRank() < d.reciprocalRank()) {
                worse++;
                hybridLosses.add(example(d, h));
            }
            if (d.rank() == 0 && h.rank() == 0) {
                bothMiss.add(example(d, h));
            }
        }
        md.append(String.format(Locale.ROOT, "%nHybrid ranked the answer higher than dense for %d questions, lower for %d, "
                + "the same for %d. Neither found it in the top %d for %d.%n", better, worse, dense.size() - better - worse, K, bothMiss.size()));
        examples(md, "Hybrid higher (dense rank → hybrid rank; 0 = not in the top " + K + ")", hybridWins);
        examples(md, "Hybrid lower", hybridLosses);
        examples(md, "Missed by both (the file ranked first instead)", bothMiss);
        return md.toString();
    }

    private static String example(Ranking dense, Ranking hybrid) {
        return String.format(Locale.ROOT, "\"%s\" (%s): %d → %d%s", dense.entry().question(), dense.entry().page(), dense.rank(),
                hybrid.rank(), dense.rank() == 0 && hybrid.rank() == 0 ? "; dense top: " + dense.topFile() + ", hybrid top: " + hybrid.topFile() : "");
    }

    private static void examples(StringBuilder md, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        md.append('\n').append(title).append(lines.size() > EXAMPLES ? " — first " + EXAMPLES + " of " + lines.size() : "").append(":\n\n");
        lines.stream().limit(EXAMPLES).forEach(line -> md.append("- ").append(line).append('\n'));
    }

    private static String row(String label, List<Ranking> dense, List<Ranking> hybrid, Function<List<Ranking>, String> figure) {
        return "| " + label + " | " + figure.apply(dense) + " | " + figure.apply(hybrid) + " |\n";
    }

    private static String share(List<Ranking> rankings, Predicate<Ranking> test) {
        long count = rankings.stream().filter(test).count();
        return String.format(Locale.ROOT, "%.3f (%d)", fraction(rankings, test), count);
    }

    private static double fraction(List<Ranking> rankings, Predicate<Ranking> test) {
        return rankings.isEmpty() ? 0 : (double) rankings.stream().filter(test).count() / rankings.size();
    }

    private static double mrr(List<Ranking> rankings) {
        return rankings.stream().mapToDouble(Ranking::reciprocalRank).average().orElse(0);
    }

    /** The set, its version, licence and where it was read from. */
    private static String citation(Path faqDir, String generalPage) {
        Element footer = Jsoup.parse(generalPage).selectFirst("div.footer");
        String rights = footer == null ? "" : footer.text().replaceAll("\\s*See History and License.*$", "").strip();
        return "Python Software Foundation, *Python Frequently Asked Questions* (pages " + String.join(", ", PythonFaq.PAGES)
                + "), " + PythonFaq.documentationTitle(generalPage) + ", " + onlineCopy(PythonFaq.documentationTitle(generalPage))
                + (rights.isEmpty() ? "" : " — \"" + rights + "\"")
                + "; read from " + faqDir + debianPackage(faqDir.resolve(PythonFaq.PAGES.get(0) + ".html")).map(p -> " (Debian package " + p + ")").orElse("");
    }

    /** The same pages on python.org: "Python 3.11.2 documentation" → https://docs.python.org/3.11/faq/. */
    static String onlineCopy(String documentationTitle) {
        Matcher version = Pattern.compile("Python (\\d+\\.\\d+)").matcher(documentationTitle);
        return "https://docs.python.org/" + (version.find() ? version.group(1) : "3") + "/faq/";
    }

    /** Which Debian package installed {@code file}, with its version; empty where dpkg is not there to ask. */
    private static Optional<String> debianPackage(Path file) {
        try {
            String owner = run("dpkg-query", "-S", file.toRealPath().toString());
            int colon = owner.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String name = owner.substring(0, colon);
            String version = run("dpkg-query", "-W", "-f=${Version}", name);
            return Optional.of(name + " " + version);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** Command-line options: {@code --faq-dir DIR --model NAME}. */
    record Options(Optional<Path> faqDir, OnnxModel model) {

        static Options parse(String[] args) {
            Optional<Path> faqDir = Optional.empty();
            OnnxModel model = OnnxModel.DEFAULT;
            for (int i = 0; i < args.length; i++) {
                switch (args[i].strip()) {
                    case "" -> { }
                    case "--faq-dir" -> faqDir = Optional.of(Path.of(value(args, ++i, "--faq-dir")));
                    case "--model" -> model = OnnxModel.fromName("--model", value(args, ++i, "--model"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --faq-dir DIR, --model all-minilm-l6-v2|all-minilm-l6-v2-q)");
                }
            }
            return new Options(faqDir, model);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
