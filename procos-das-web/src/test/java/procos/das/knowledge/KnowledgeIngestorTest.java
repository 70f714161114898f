package procos.das.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.WordPieceTokenCounter;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.manifest.ManifestEntry;
import procos.das.knowledge.manifest.SourceStatus;
import procos.das.knowledge.progress.ProgressListener;
import procos.das.knowledge.progress.ProgressSnapshot;
import procos.das.knowledge.progress.ProgressTracker;
import procos.das.knowledge.source.FetchedDocument;
import procos.das.knowledge.source.Pdfs;
import procos.das.knowledge.source.SourceException;
import procos.das.knowledge.source.SourceProblem;
import procos.das.vector.Chunk;
import procos.das.vector.FailingVectorRepository;
import procos.das.vector.InMemoryVectorRepository;
import procos.das.vector.VectorQuery;
import procos.das.vector.VectorRepository;

class KnowledgeIngestorTest {

    private static OnnxEmbedder embedder;
    private static Chunker chunker;

    @TempDir
    Path work;
    private Path docs;
    private Path manifestFile;

    @BeforeAll
    static void loadModel() {
        embedder = new OnnxEmbedder(OnnxModel.DEFAULT);
        chunker = new Chunker(new WordPieceTokenCounter(), IngestionSettings.DEFAULT.chunking());
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @BeforeEach
    void folders() throws IOException {
        docs = Files.createDirectories(work.resolve("docs"));
        manifestFile = work.resolve("state/manifest.jsonl");
    }

    private KnowledgeIngestor ingestor(VectorRepository repository, ProgressListener progress) throws IOException {
        return new KnowledgeIngestor(embedder, repository, Manifest.load(manifestFile), progress, chunker, IngestionSettings.DEFAULT);
    }

    private Path write(String name, String text) throws IOException {
        Path file = docs.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String id(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    @Test
    void indexesAFolderAndAnswersQueriesFromIt() throws IOException {
        Path guide = write("guide.md", "# Passwords\n\nTo reset your password, open Settings and choose Reset.\n\n"
                + "# Invoices\n\nInvoices are payable within thirty days of issue.\n");
        Path page = write("web/about.html", "<html><body><h1>About</h1><p>ProcOS runs every operation as a BPMN process.</p></body></html>");
        Path pdf = Pdfs.write(docs.resolve("policy.pdf"), "Holidays must be requested two weeks in advance.", null);
        InMemoryVectorRepository repository = new InMemoryVectorRepository();

        IngestionReport report = ingestor(repository, ProgressListener.NONE).ingest(docs);

        assertThat(report.count(Outcome.INDEXED)).isEqualTo(3);
        assertThat(report.abortReason()).isEmpty();
        assertThat(report.chunksEmbedded()).isEqualTo(repository.count()).isEqualTo(4);
        assertThat(report.chunksPerSecond()).isPositive();
        List<Chunk> guideChunks = repository.chunksOf(id(guide));
        assertThat(guideChunks).extracting(chunk -> chunk.metadata().get("heading")).containsExactly("Passwords", "Invoices");
        assertThat(guideChunks.get(1).metadata()).containsEntry("content_type", "text/markdown")
                .containsEntry("embedding_model", "all-minilm-l6-v2-q").containsKeys("char_start", "char_end", "tokens", "source_sha256");
        assertThat(guideChunks.get(1).id()).isEqualTo(id(guide) + "#1");
        assertThat(repository.chunksOf(id(page))).singleElement()
                .satisfies(chunk -> assertThat(chunk.metadata()).containsEntry("content_type", "text/html"));
        assertThat(repository.chunksOf(id(pdf))).singleElement()
                .satisfies(chunk -> assertThat(chunk.text()).contains("two weeks in advance"));

        float[] question = embedder.embedAll(List.of("how do I change my password")).get(0);
        assertThat(repository.query(VectorQuery.dense(question, 1)).get(0).chunk().text()).contains("reset your password");
        assertThat(Manifest.load(manifestFile).entries()).extracting(ManifestEntry::status).containsOnly(SourceStatus.INDEXED);
    }

    @Test
    void aSecondRunSkipsUnchangedSourcesReplacesChangedOnesAndRemovesDeletedOnes() throws IOException {
        Path stays = write("stays.md", "Stable text that does not change.\n");
        Path changes = write("changes.md", "First version of the changing text.\n");
        Path goes = write("goes.md", "This file will be deleted.\n");
        InMemoryVectorRepository repository = new InMemoryVectorRepository();
        ingestor(repository, ProgressListener.NONE).ingest(docs);
        Files.writeString(changes, "Second version.\n\n# New part\n\nWith a new section.\n");
        Files.delete(goes);

        IngestionReport report = ingestor(repository, ProgressListener.NONE).ingest(docs);

        assertThat(report.outcome(id(stays)).orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.outcome(id(stays)).orElseThrow().reason()).isEqualTo("unchanged since the last ingestion");
        assertThat(report.outcome(id(changes)).orElseThrow().outcome()).isEqualTo(Outcome.INDEXED);
        assertThat(report.outcome(id(goes)).orElseThrow().outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(report.chunksEmbedded()).isEqualTo(2);
        assertThat(repository.chunksOf(id(changes))).extracting(Chunk::text)
                .containsExactly("Second version.", "# New part\n\nWith a new section.");
        assertThat(repository.chunksOf(id(goes))).isEmpty();
        assertThat(repository.chunksOf(id(stays))).hasSize(1);
        assertThat(Manifest.load(manifestFile).entries()).extracting(ManifestEntry::source)
                .containsExactly(id(changes), id(stays));
    }

    @Test
    void aRunThatChangedTheStoreCompactsItOnceAndAnUnchangedRunLeavesItAlone() throws IOException {
        write("a.md", "Alpha text.\n");
        write("b.md", "Beta text.\n");
        InMemoryVectorRepository repository = new InMemoryVectorRepository();
        KnowledgeIngestor ingestor = ingestor(repository, ProgressListener.NONE);

        ingestor.ingest(docs);
        assertThat(repository.compactions()).isEqualTo(1);

        ingestor.ingest(docs);
        assertThat(repository.compactions()).as("nothing changed, nothing to compact").isEqualTo(1);
    }

    @Test
    void aPlannedRunCompactsTheStoreAtItsLastStepNotPerSource() throws IOException {
        write("a.md", "Alpha text.\n");
        write("b.md", "Beta text.\n");
        InMemoryVectorRepository repository = new InMemoryVectorRepository();
        KnowledgeIngestor ingestor = ingestor(repository, ProgressListener.NONE);
        IngestionPlan plan = ingestor.plan(docs);
        ProgressTracker run = ingestor.trackPlannedRun(plan);

        ingestor.ingestPlanned(plan, 0, run);
        ingestor.ingestPlanned(plan, 1, run);
        assertThat(repository.compactions()).isZero();
        ingestor.removeGone(plan, run);

        assertThat(repository.compactions()).isEqualTo(1);
        IngestionPlan nothing = ingestor.plan(docs);
        ingestor.removeGone(nothing, ingestor.trackPlannedRun(nothing));
        assertThat(repository.compactions()).as("an empty plan changes nothing").isEqualTo(1);
    }

    @Test
    void aPlannedRunReportsItsProgressAsOneRunAcrossItsTasks() throws IOException {
        write("a.md", "Alpha text.\n");
        write("b.md", "Beta text.\n\n# More\n\nAnother section.\n");
        Path gone = write("c.md", "Gamma text.\n");
        List<ProgressSnapshot> seen = new ArrayList<>();
        KnowledgeIngestor ingestor = ingestor(new InMemoryVectorRepository(), seen::add);
        ingestor.ingest(docs);
        Files.delete(gone);
        Files.writeString(docs.resolve("a.md"), "Alpha text, changed.\n");
        seen.clear();
        IngestionPlan plan = ingestor.plan(docs);
        ProgressTracker run = ingestor.trackPlannedRun(plan);

        ingestor.ingestPlanned(plan, 0, run);
        ProgressSnapshot halfway = run.current();
        ingestor.removeGone(plan, run);

        assertThat(halfway.sourcesTotal()).as("one to index, one gone").isEqualTo(2);
        assertThat(halfway.sourcesDone()).isEqualTo(1);
        assertThat(halfway.chunksDone()).isEqualTo(1);
        assertThat(halfway.eta()).isPresent();
        assertThat(seen).as("only the run's own snapshots, none per source").allSatisfy(snapshot ->
                assertThat(snapshot.sourcesTotal()).isEqualTo(2));
        assertThat(seen.get(seen.size() - 1)).satisfies(last -> {
            assertThat(last.finished()).isTrue();
            assertThat(last.sourcesDone()).isEqualTo(2);
        });
        assertThat(run.finish()).as("finishing again reports nothing new").isSameAs(seen.get(seen.size() - 1));
        assertThat(seen.stream().filter(ProgressSnapshot::finished)).hasSize(1);
    }

    @Test
    void badSourcesFailOrAreSkippedAloneWithTheirReason() throws IOException {
        Path good = write("good.txt", "A perfectly good text file.\n");
        Path empty = write("empty.md", "");
        Path blank = write("blank.md", "\n   \n");
        Path junk = Files.write(docs.resolve("junk.txt"), new byte[]{0, 1, 2, 3, 0, 5, 6, 7, 8, 0});
        Path latin = Files.write(docs.resolve("latin.txt"), "Caf\u00e9 au lait.".getBytes(StandardCharsets.ISO_8859_1));
        Path encrypted = Pdfs.write(docs.resolve("locked.pdf"), "Secret.", "pw");
        InMemoryVectorRepository repository = new InMemoryVectorRepository();

        IngestionReport report = ingestor(repository, ProgressListener.NONE).ingest(docs);

        assertThat(report.outcome(id(good)).orElseThrow().outcome()).isEqualTo(Outcome.INDEXED);
        assertThat(report.outcome(id(empty)).orElseThrow()).satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(outcome.reason()).isEqualTo("empty (0 bytes)");
        });
        assertThat(report.outcome(id(blank)).orElseThrow().reason()).isEqualTo("no text to index");
        assertThat(report.outcome(id(junk)).orElseThrow()).satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(outcome.reason()).startsWith("BINARY_CONTENT: ");
        });
        assertThat(report.outcome(id(encrypted)).orElseThrow().reason()).isEqualTo("ENCRYPTED_PDF: the PDF is password-protected");
        assertThat(report.outcome(id(latin)).orElseThrow()).satisfies(outcome -> {
            assertThat(outcome.outcome()).isEqualTo(Outcome.INDEXED);
            assertThat(outcome.notes()).singleElement().asString().contains("read as windows-1252");
        });
        assertThat(repository.chunksOf(id(latin)).get(0).text()).isEqualTo("Caf\u00e9 au lait.");
        assertThat(Manifest.load(manifestFile).entry(id(junk)).orElseThrow().status()).isEqualTo(SourceStatus.FAILED);
    }

    @Test
    void aSourceOverTheMaximumSizeIsRefusedWithoutReadingItAll() throws IOException {
        Path big = write("big.txt", "word ".repeat(1_000));
        IngestionSettings small = new IngestionSettings(1_000, 32, IngestionSettings.DEFAULT.chunking());
        KnowledgeIngestor ingestor = new KnowledgeIngestor(embedder, new InMemoryVectorRepository(), Manifest.load(manifestFile),
                ProgressListener.NONE, chunker, small);

        IngestionReport report = ingestor.ingest(big);

        assertThat(report.outcome(id(big)).orElseThrow().reason())
                .isEqualTo("TOO_LARGE: larger than the maximum source size of 1000 bytes");
    }

    @Test
    void aStoreFailureHalfWayLeavesTheIndexAndTheManifestConsistent() throws IOException {
        Path a = write("a.md", "Alpha version one.\n");
        Path b = write("b.md", "Bravo version one.\n");
        Path c = write("c.md", "Charlie version one.\n");
        InMemoryVectorRepository healthy = new InMemoryVectorRepository();
        ingestor(healthy, ProgressListener.NONE).ingest(docs);
        List<ManifestEntry> before = Manifest.load(manifestFile).entries();
        Files.writeString(a, "Alpha version two.\n");
        Files.writeString(b, "Bravo version two.\n");
        Files.writeString(c, "Charlie version two.\n");
        FailingVectorRepository failsOnSecondChange = new FailingVectorRepository(2);
        failsOnSecondChange.upsert(healthy.chunksOf(id(a)));
        failsOnSecondChange.upsert(healthy.chunksOf(id(b)));
        failsOnSecondChange.upsert(healthy.chunksOf(id(c)));

        IngestionReport report = ingestor(failsOnSecondChange, ProgressListener.NONE).ingest(docs);

        assertThat(report.abortReason()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("VECTOR_STORE_FAILED: ").contains("store unavailable"));
        assertThat(report.outcome(id(a)).orElseThrow().outcome()).isEqualTo(Outcome.INDEXED);
        assertThat(report.outcome(id(b)).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.outcome(id(c))).isEmpty();
        assertThat(failsOnSecondChange.chunksOf(id(a))).extracting(Chunk::text).containsExactly("Alpha version two.");
        assertThat(failsOnSecondChange.chunksOf(id(b))).extracting(Chunk::text).containsExactly("Bravo version one.");
        assertThat(failsOnSecondChange.chunksOf(id(c))).extracting(Chunk::text).containsExactly("Charlie version one.");
        Manifest after = Manifest.load(manifestFile);
        assertThat(after.entry(id(a)).orElseThrow().sha256()).isNotEqualTo(entryOf(before, id(a)).sha256());
        assertThat(after.entry(id(b)).orElseThrow()).isEqualTo(entryOf(before, id(b)));
        assertThat(after.entry(id(c)).orElseThrow()).isEqualTo(entryOf(before, id(c)));

        IngestionReport retry = ingestor(failsOnSecondChange, ProgressListener.NONE).ingest(docs);

        assertThat(retry.outcome(id(a)).orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(retry.outcome(id(b)).orElseThrow().outcome()).isEqualTo(Outcome.INDEXED);
        assertThat(retry.outcome(id(c)).orElseThrow().outcome()).isEqualTo(Outcome.INDEXED);
        assertThat(failsOnSecondChange.chunksOf(id(c))).extracting(Chunk::text).containsExactly("Charlie version two.");
    }

    @Test
    void anEmbedderFailureStopsTheRunAndStoresNothingHalfEmbedded() throws IOException {
        Path a = write("a.md", "Alpha.\n");
        InMemoryVectorRepository repository = new InMemoryVectorRepository();
        Embedder broken = new Embedder() {
            @Override
            public String modelId() {
                return embedder.modelId();
            }

            @Override
            public int dimension() {
                return embedder.dimension();
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                throw new IllegalStateException("inference session closed");
            }

            @Override
            public void close() {
            }
        };
        KnowledgeIngestor ingestor = new KnowledgeIngestor(broken, repository, Manifest.load(manifestFile),
                ProgressListener.NONE, chunker, IngestionSettings.DEFAULT);

        IngestionReport report = ingestor.ingest(docs);

        assertThat(report.abortReason()).contains("EMBEDDING_FAILED: the embedder failed: inference session closed");
        assertThat(report.outcome(id(a)).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(repository.count()).isZero();
        assertThat(Manifest.load(manifestFile).entries()).isEmpty();
    }

    @Test
    void urlsAreFetchedThroughTheFetcherAndARefusedOneFailsAlone() throws IOException {
        URI allowed = URI.create("https://docs.example.org/faq.html");
        URI refused = URI.create("https://elsewhere.example.com/page");
        InMemoryVectorRepository repository = new InMemoryVectorRepository();

        IngestionReport report = ingestor(repository, ProgressListener.NONE).ingest(List.of(allowed, refused), url -> {
            if (!url.getHost().equals("docs.example.org")) {
                throw new SourceException(SourceProblem.FETCH_FAILED, "host " + url.getHost() + " is not allowed");
            }
            return new FetchedDocument("<p>Support is open on weekdays.</p>".getBytes(StandardCharsets.UTF_8), Optional.of("text/html"));
        });

        assertThat(report.outcome(allowed.toString()).orElseThrow().outcome()).isEqualTo(Outcome.INDEXED);
        assertThat(report.outcome(refused.toString()).orElseThrow().reason())
                .isEqualTo("FETCH_FAILED: host elsewhere.example.com is not allowed");
        assertThat(repository.chunksOf(allowed.toString())).singleElement()
                .satisfies(chunk -> assertThat(chunk.text()).isEqualTo("Support is open on weekdays."));
    }

    @Test
    void aUrlListedTwiceIsFetchedIndexedAndReportedOnce() throws IOException {
        URI page = URI.create("https://docs.example.org/faq.html");
        InMemoryVectorRepository repository = new InMemoryVectorRepository();
        List<URI> fetched = new ArrayList<>();

        IngestionReport report = ingestor(repository, ProgressListener.NONE).ingest(List.of(page, page), url -> {
            fetched.add(url);
            return new FetchedDocument("<p>Support is open on weekdays.</p>".getBytes(StandardCharsets.UTF_8), Optional.of("text/html"));
        });

        assertThat(fetched).containsExactly(page);
        assertThat(report.sources()).singleElement().satisfies(outcome -> assertThat(outcome.outcome()).isEqualTo(Outcome.INDEXED));
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void progressIsReportedPerBatchAndSourceEndingWithAFinishedSnapshot() throws IOException {
        // Both small files' chunks share one embedding batch: one batch snapshot, one per source, the final one.
        write("one.md", "One.\n");
        write("two.md", "Two.\n");
        List<ProgressSnapshot> snapshots = new ArrayList<>();

        ingestor(new InMemoryVectorRepository(), snapshots::add).ingest(docs);

        ProgressSnapshot last = snapshots.get(snapshots.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.sourcesDone()).isEqualTo(2);
        assertThat(last.sourcesTotal()).isEqualTo(2);
        assertThat(last.chunksDone()).isEqualTo(2);
        assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(10);
        assertThat(snapshots).filteredOn(snapshot -> !snapshot.finished()).hasSize(3);
    }

    @Test
    void aPathThatDoesNotExistIsRefusedByName() {
        assertThatThrownBy(() -> ingestor(new InMemoryVectorRepository(), ProgressListener.NONE).ingest(work.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere").hasMessageEndingWith("does not exist");
    }

    private static ManifestEntry entryOf(List<ManifestEntry> entries, String source) {
        return entries.stream().filter(entry -> entry.source().equals(source)).findFirst().orElseThrow();
    }
}
