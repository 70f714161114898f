package procos.das.api.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import procos.das.knowledge.IngestionSettings;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.WordPieceTokenCounter;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.manifest.RemovedSources;
import procos.das.knowledge.progress.ProgressListener;
import procos.das.knowledge.source.HttpDocumentFetcher;
import procos.das.knowledge.source.UrlAllowlist;
import procos.das.vector.InMemoryVectorRepository;

/** A URL referenced through the API's path: checked, fetched from a real HTTP server, indexed by a real ingestor, listed. */
class UrlReferenceTest {

    private static OnnxEmbedder embedder;

    @TempDir
    Path work;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private HttpServer server;
    private KnowledgeIngestor ingestor;
    private KnowledgeFolder folder;
    private IngestionJobs jobs;
    private InMemoryVectorRepository store;

    @BeforeAll
    static void loadModel() {
        embedder = new OnnxEmbedder(OnnxModel.DEFAULT);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @BeforeEach
    void knowledgeBaseAndServer() throws IOException {
        folder = new KnowledgeFolder(Files.createDirectories(work.resolve("sources")));
        store = new InMemoryVectorRepository();
        ingestor = new KnowledgeIngestor(embedder, store, Manifest.load(work.resolve("data/manifest.jsonl")), ProgressListener.NONE,
                new Chunker(new WordPieceTokenCounter(), IngestionSettings.DEFAULT.chunking()), IngestionSettings.DEFAULT,
                new RemovedSources(work.resolve("data/removed-sources.json")));
        jobs = new IngestionJobs(executor, 10);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ferry.html", exchange -> {
            byte[] page = "<html><body><h1>Ferry</h1><p>The ferry leaves every forty minutes from the north pier.</p></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aUrlJobIndexesTheDocumentAndListsItByItsUrl() throws Exception {
        URI url = ReferenceUrl.checked(base() + "/ferry.html", allowing("127.0.0.1"));

        List<JobView> seen = run(url);

        JobView last = seen.get(seen.size() - 1);
        assertThat(last.state()).isEqualTo("done");
        assertThat(last.kind()).isEqualTo("reference");
        assertThat(last.total()).isEqualTo(1);
        assertThat(last.percent()).isEqualTo(100.0);
        assertThat(seen.get(0).percent()).isZero();
        KnowledgeSource listed = new KnowledgeSources(() -> ingestor, folder, jobs).all().get(0);
        assertThat(listed.location()).isEqualTo(url.toString());
        assertThat(listed.name()).isEqualTo("ferry.html");
        assertThat(listed.status()).isEqualTo("indexed");
        assertThat(listed.chunks()).isPositive();
        assertThat(store.count()).isEqualTo(listed.chunks());
    }

    @Test
    void aUrlThatCannotBeFetchedFailsItsJobWithTheReason() throws Exception {
        JobView last = last(run(URI.create(base() + "/gone.html")));

        assertThat(last.state()).isEqualTo("failed");
        assertThat(last.error()).contains("/gone.html").contains("FETCH_FAILED").contains("HTTP 404");
    }

    @Test
    void withNoAllowedHostsEveryUrlIsRefusedNamingTheSetting() {
        assertRefused(base() + "/ferry.html", allowing(""), "procos.knowledge.url.allowed-hosts");
    }

    @Test
    void aHostNotAllowedIsRefusedNamingTheSetting() {
        assertRefused("https://example.org/doc.html", allowing("127.0.0.1"), "host 'example.org' is not an allowed host");
    }

    @Test
    void urlsThatAreNotAbsoluteHttpOrCarryUserInfoOrAreTooLongAreRefused() {
        UrlAllowlist allowed = allowing("example.org");
        assertRefused("/doc.html", allowed, "absolute http or https URL");
        assertRefused("ftp://example.org/doc.html", allowed, "absolute http or https URL");
        assertRefused("https://user:secret@example.org/doc.html", allowed, "user info");
        assertRefused("https://example.org/" + "a".repeat(2_048), allowed, "2048 characters");
        assertRefused("https://example.org/a b", allowed, "not a valid URL");
    }

    private static void assertRefused(String url, UrlAllowlist allowlist, String why) {
        assertThatThrownBy(() -> ReferenceUrl.checked(url, allowlist)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(422);
            assertThat(problem.getMessage()).startsWith("url: ").contains(why);
        });
    }

    private List<JobView> run(URI url) throws InterruptedException {
        HttpDocumentFetcher fetcher = new HttpDocumentFetcher(new HttpDocumentFetcher.Settings(allowing("127.0.0.1"),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20));
        IngestionJob job = jobs.start(IngestionJob.Kind.REFERENCE, new UrlIngestionRun(ingestor, url, fetcher));
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

    private static UrlAllowlist allowing(String hosts) {
        return UrlAllowlist.parse(hosts);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
