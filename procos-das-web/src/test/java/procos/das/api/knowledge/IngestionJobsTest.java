package procos.das.api.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.knowledge.IngestionSettings;
import procos.das.knowledge.IngestionReport;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.Outcome;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.WordPieceTokenCounter;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.manifest.RemovedSources;
import procos.das.knowledge.progress.ProgressListener;
import procos.das.vector.InMemoryVectorRepository;

/** Jobs over a real ingestor (the ONNX model, a manifest on disk) indexing a real folder. */
class IngestionJobsTest {

    private static OnnxEmbedder embedder;

    @TempDir
    Path work;
    private KnowledgeFolder folder;
    private InMemoryVectorRepository store;
    private KnowledgeIngestor ingestor;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private IngestionJobs jobs;

    @BeforeAll
    static void loadModel() {
        embedder = new OnnxEmbedder(OnnxModel.DEFAULT);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @BeforeEach
    void knowledgeBase() throws IOException {
        folder = new KnowledgeFolder(Files.createDirectories(work.resolve("sources")));
        store = new InMemoryVectorRepository();
        ingestor = openIngestor();
        jobs = new IngestionJobs(executor, 10);
        write("guide.md", "# Guide\n\nThe ferry leaves every forty minutes from the north pier.\n");
        write("notes/tea.txt", "Green tea is brewed at eighty degrees for two minutes.\n");
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aFolderJobReportsProgressWithAnEtaAndEndsDoneAtHundredPercent() throws Exception {
        List<JobView> seen = run(IngestionJob.Kind.REINDEX, folder.root());

        JobView last = seen.get(seen.size() - 1);
        assertThat(last.state()).isEqualTo("done");
        assertThat(last.kind()).isEqualTo("reindex");
        assertThat(last.done()).isEqualTo(2);
        assertThat(last.total()).isEqualTo(2);
        assertThat(last.percent()).isEqualTo(100.0);
        assertThat(last.etaMs()).isZero();
        assertThat(last.finished()).isNotNull();
        assertThat(last.error()).isNull();
        assertThat(seen).extracting(JobView::percent).isSorted();
        assertThat(seen).as("a view between the two sources, with the tracker's estimate")
                .anySatisfy(view -> {
                    assertThat(view.done()).isEqualTo(1);
                    assertThat(view.percent()).isBetween(0.1, 99.9);
                    assertThat(view.etaMs()).isNotNull();
                    assertThat(view.state()).isEqualTo("running");
                });
        assertThat(seen).extracting(JobView::current).contains("guide.md", "notes/tea.txt");
    }

    @Test
    void sourcesAreListedByLocationWithTheirChunksAndPaged() throws Exception {
        run(IngestionJob.Kind.REINDEX, folder.root());

        List<KnowledgeSource> all = sources().all();

        assertThat(all).extracting(KnowledgeSource::location).containsExactly("guide.md", "notes/tea.txt");
        assertThat(all).allSatisfy(source -> {
            assertThat(source.status()).isEqualTo("indexed");
            assertThat(source.chunks()).isPositive();
            assertThat(source.sizeBytes()).isPositive();
            assertThat(source.lastIndexed()).isNotNull();
        });
        Page<KnowledgeSource> second = new Paging(1, 1).of(all);
        assertThat(second.items()).extracting(KnowledgeSource::name).containsExactly("tea.txt");
        assertThat(second.total()).isEqualTo(2);
        assertThatThrownBy(() -> new Paging(0, 201).of(all)).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(400));
    }

    @Test
    void removingASourceTakesOnlyItsChunksOutAndKeepsItOutOfFolderRuns() throws Exception {
        run(IngestionJob.Kind.REINDEX, folder.root());
        KnowledgeSource guide = sources().all().get(0);
        long teaChunks = sources().all().get(1).chunks();

        sources().remove(guide.id());

        assertThat(store.count()).isEqualTo(teaChunks);
        assertThat(folder.root().resolve("guide.md")).exists();
        KnowledgeSource listed = sources().all().get(0);
        assertThat(listed.status()).isEqualTo("removed");
        assertThat(listed.chunks()).isZero();

        run(IngestionJob.Kind.REINDEX, folder.root());
        assertThat(sources().all().get(0).status()).as("a folder run leaves a removed source out").isEqualTo("removed");
        assertThat(store.count()).isEqualTo(teaChunks);
    }

    @Test
    void aRemovedSourceStaysOutOfTheBootPreloadAfterARestartUntilItIsAddedAgain() throws Exception {
        run(IngestionJob.Kind.REINDEX, folder.root());
        String guide = folder.root().resolve("guide.md").toString();
        sources().remove(KnowledgeFolder.idOf(guide));

        ingestor = openIngestor();
        IngestionReport preload = ingestor.ingest(folder.root());
        assertThat(preload.outcome(guide)).as("the preload's whole-folder run leaves it out").isEmpty();
        assertThat(ingestor.entries()).extracting(entry -> entry.source()).doesNotContain(guide);
        assertThat(store.count()).isEqualTo(ingestor.entries().stream().mapToLong(entry -> entry.chunks()).sum());

        ingestor.restore(guide);
        assertThat(ingestor.ingest(folder.root()).outcome(guide)).hasValueSatisfying(outcome ->
                assertThat(outcome.outcome()).isEqualTo(Outcome.INDEXED));
    }

    @Test
    void aFileThatCannotBeIndexedFailsItsJobWithTheReason() throws Exception {
        Path binary = Files.write(folder.root().resolve("blob.txt"), new byte[] {'a', 0, 1, 2, 3, 'b', 0, 0, 7});

        JobView last = last(run(IngestionJob.Kind.UPLOAD, binary));

        assertThat(last.state()).isEqualTo("failed");
        assertThat(last.error()).startsWith("blob.txt: ");
    }

    @Test
    void aSecondJobIsRefusedWhileOneRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        IngestionJob blocking = jobs.start(IngestionJob.Kind.REINDEX, job -> {
            release.await();
            return null;
        });

        assertThatThrownBy(() -> jobs.start(IngestionJob.Kind.UPLOAD, job -> null))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(409);
                    assertThat(problem.getMessage()).contains(blocking.id());
                });
        release.countDown();
        awaitEnd(blocking);
        assertThat(jobs.newestFirst()).extracting(IngestionJob::id).containsExactly(blocking.id());
    }

    /** The ingestor as the server opens it, on this test's data folder (so a second one is a restart). */
    private KnowledgeIngestor openIngestor() throws IOException {
        return new KnowledgeIngestor(embedder, store, Manifest.load(work.resolve("data/manifest.jsonl")), ProgressListener.NONE,
                new Chunker(new WordPieceTokenCounter(), IngestionSettings.DEFAULT.chunking()), IngestionSettings.DEFAULT,
                new RemovedSources(work.resolve("data/removed-sources.json")));
    }

    private KnowledgeSources sources() {
        return new KnowledgeSources(() -> ingestor, folder, jobs);
    }

    private List<JobView> run(IngestionJob.Kind kind, Path path) throws InterruptedException {
        IngestionJob job = jobs.start(kind, new IngestionRun(ingestor, path, folder));
        return awaitEnd(job);
    }

    private static List<JobView> awaitEnd(IngestionJob job) throws InterruptedException {
        List<JobView> seen = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        job.watch(view -> {
            seen.add(view);
            if (view.ended()) {
                ended.countDown();
            }
        });
        assertThat(ended.await(2, TimeUnit.MINUTES)).as("job ended").isTrue();
        return seen;
    }

    private static JobView last(List<JobView> views) {
        return views.get(views.size() - 1);
    }

    private void write(String name, String text) throws IOException {
        Path file = folder.root().resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
