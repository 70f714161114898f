package procos.das.knowledge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a real HTTP server on loopback, listed literally as an allowed host. */
class HttpDocumentFetcherTest {

    private static final long MAX_BYTES = 64 * 1024;
    private static final long ENDLESS = 256L << 20;

    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final AtomicLong bigBodyWritten = new AtomicLong();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/page.html", answer(200, "text/html; charset=utf-8", "<h1>Ferry</h1><p>Every forty minutes.</p>"));
        server.createContext("/guide.md", answer(200, "text/markdown", "# Guide\n\nTea at eighty degrees.\n"));
        server.createContext("/image.png", answer(200, "image/png", "\u0089PNG"));
        server.createContext("/missing", answer(404, "text/plain", "no"));
        server.createContext("/moved", redirect(() -> base() + "/guide.md"));
        server.createContext("/away", redirect(() -> "http://localhost:" + port() + "/guide.md"));
        server.createContext("/loop", redirect(() -> base() + "/loop"));
        server.createContext("/big.txt", this::endlessBody);
        server.createContext("/slow", exchange -> {
            await(releaseSlow);
            answer(200, "text/plain", "late").handle(exchange);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlow.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void fetchesAnHtmlPageWithItsDeclaredType() throws Exception {
        FetchedDocument page = fetcher("127.0.0.1").fetch(URI.create(base() + "/page.html"));

        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Every forty minutes.");
        assertThat(page.contentType()).hasValue("text/html; charset=utf-8");
    }

    @Test
    void followsARedirectWithinTheAllowedHostsToMarkdown() throws Exception {
        FetchedDocument guide = fetcher("127.0.0.1").fetch(URI.create(base() + "/moved"));

        assertThat(new String(guide.body(), StandardCharsets.UTF_8)).startsWith("# Guide");
        assertThat(guide.contentType()).hasValue("text/markdown");
    }

    @Test
    void refusesAHostThatIsNotAllowed() {
        assertRefused(fetcher("127.0.0.1"), "http://localhost:" + port() + "/guide.md", SourceProblem.FETCH_FAILED,
                "host 'localhost' is not an allowed host");
    }

    @Test
    void refusesARedirectToAHostThatIsNotAllowed() {
        assertRefused(fetcher("127.0.0.1"), base() + "/away", SourceProblem.FETCH_FAILED, "host 'localhost' is not an allowed host");
    }

    @Test
    void refusesAnAllowedNameThatResolvesToAnInternalAddressNotListedItself() {
        assertRefused(fetcher("localhost"), "http://localhost:" + port() + "/guide.md", SourceProblem.FETCH_FAILED,
                "resolves to the internal address");
    }

    @Test
    void refusesAnEndlessChainOfRedirects() {
        assertRefused(fetcher("127.0.0.1"), base() + "/loop", SourceProblem.FETCH_FAILED, "more than 5 redirects");
    }

    @Test
    void refusesSchemesOtherThanHttp() {
        assertRefused(fetcher("127.0.0.1"), "file:///etc/passwd", SourceProblem.FETCH_FAILED, "only http and https");
    }

    @Test
    void cutsAnOversizedBodyWhileReadingIt() {
        assertRefused(fetcher("127.0.0.1"), base() + "/big.txt", SourceProblem.TOO_LARGE, "larger than " + MAX_BYTES + " bytes");
        server.stop(1);
        assertThat(bigBodyWritten.get()).as("the server could not send the whole body").isLessThan(ENDLESS);
    }

    @Test
    void refusesAContentTypeIngestionDoesNotReadNamingIt() {
        assertRefused(fetcher("127.0.0.1"), base() + "/image.png", SourceProblem.UNSUPPORTED_CONTENT_TYPE, "image/png");
    }

    @Test
    void refusesAnErrorStatus() {
        assertRefused(fetcher("127.0.0.1"), base() + "/missing", SourceProblem.FETCH_FAILED, "HTTP 404");
    }

    @Test
    void givesUpWhenTheAnswerTakesLongerThanTheTimeout() {
        HttpDocumentFetcher impatient = new HttpDocumentFetcher(new HttpDocumentFetcher.Settings(UrlAllowlist.parse("127.0.0.1"),
                Duration.ofSeconds(5), Duration.ofMillis(300), MAX_BYTES));

        assertRefused(impatient, base() + "/slow", SourceProblem.FETCH_FAILED, "no complete answer within");
    }

    private static void assertRefused(HttpDocumentFetcher fetcher, String url, SourceProblem problem, String why) {
        assertThatThrownBy(() -> fetcher.fetch(URI.create(url))).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.getMessage()).contains(why);
        });
    }

    private static HttpDocumentFetcher fetcher(String allowedHosts) {
        return new HttpDocumentFetcher(new HttpDocumentFetcher.Settings(UrlAllowlist.parse(allowedHosts), Duration.ofSeconds(5),
                Duration.ofSeconds(30), MAX_BYTES));
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String base() {
        return "http://127.0.0.1:" + port();
    }

    private void endlessBody(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        byte[] block = "tea ".repeat(2048).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            while (bigBodyWritten.get() < ENDLESS) {
                out.write(block);
                bigBodyWritten.addAndGet(block.length);
            }
        } catch (IOException e) {
            // the client hung up: what the cap is for
        }
    }

    private static HttpHandler answer(int status, String type, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    private static HttpHandler redirect(java.util.function.Supplier<String> location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location.get());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
