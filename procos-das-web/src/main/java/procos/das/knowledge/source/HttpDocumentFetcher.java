package procos.das.knowledge.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import procos.pde.endpoint.http.BoundedBody;

/**
 * Fetches documents over HTTP(S) for ingestion, treating every URL and every answer as hostile:
 * only hosts of the {@link UrlAllowlist} (checked again on each redirect, which this class follows
 * itself, at most {@value #MAX_REDIRECTS}), a connect timeout and a total timeout for the whole
 * fetch, a size cap enforced while the body arrives, and only the content types ingestion reads.
 * A response without a {@code Content-Type} is passed on, for ingestion to tell its format by its
 * bytes (which refuses binary content).
 */
public final class HttpDocumentFetcher implements DocumentFetcher {

    public static final int MAX_REDIRECTS = 5;
    /** Media types ingestion reads (see {@link ContentTypeDetector}). */
    static final Set<String> READABLE = Set.of("text/html", "application/xhtml+xml", "text/markdown", "text/x-markdown",
            "text/plain", "application/pdf");
    private static final String ACCEPT = "text/html, application/xhtml+xml, text/markdown, text/plain, application/pdf";

    /**
     * @param allowlist      which hosts may be reached
     * @param connectTimeout for each connection
     * @param timeout        for the whole fetch, redirects and body included
     * @param maxBytes       the largest body read; one byte more fails the fetch {@code TOO_LARGE}
     */
    public record Settings(UrlAllowlist allowlist, Duration connectTimeout, Duration timeout, long maxBytes) {
        public Settings {
            Objects.requireNonNull(allowlist, "allowlist");
            if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (maxBytes < 1) {
                throw new IllegalArgumentException("max bytes must be at least 1, got " + maxBytes);
            }
        }
    }

    private final Settings settings;
    private final HttpClient client;

    public HttpDocumentFetcher(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout()).build();
    }

    public UrlAllowlist allowlist() {
        return settings.allowlist();
    }

    @Override
    public FetchedDocument fetch(URI uri) throws SourceException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            settings.allowlist().checkUrl(current);
            settings.allowlist().checkAddresses(current);
            HttpResponse<byte[]> response = send(current, deadline);
            int status = response.statusCode();
            if (isRedirect(status)) {
                if (redirects == MAX_REDIRECTS) {
                    throw failed("more than " + MAX_REDIRECTS + " redirects");
                }
                current = redirectTarget(current, response);
                continue;
            }
            if (status < 200 || status > 299) {
                throw failed((current.equals(uri) ? "the server" : "the redirect target " + current) + " answered HTTP " + status);
            }
            Optional<String> type = response.headers().firstValue("Content-Type");
            if (!isReadable(type)) {
                throw new SourceException(SourceProblem.UNSUPPORTED_CONTENT_TYPE, "the server sent " + mediaType(type.get())
                        + "; supported are Markdown, plain text, HTML and PDF");
            }
            return new FetchedDocument(response.body(), type);
        }
    }

    private HttpResponse<byte[]> send(URI uri, long deadline) throws SourceException {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().header("Accept", ACCEPT).build();
        // Every body, wanted or not (a redirect's, an error page), is read only up to the cap.
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, BoundedBody.handler(settings.maxBytes(), false));
        try {
            return response.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw failed("no complete answer within " + settings.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw failed("interrupted");
        } catch (ExecutionException e) {
            throw whyFailed(uri, e.getCause());
        }
    }

    private SourceException whyFailed(URI uri, Throwable cause) {
        if (cause instanceof BoundedBody.TooLargeException) {
            return new SourceException(SourceProblem.TOO_LARGE, "the document is larger than " + settings.maxBytes() + " bytes");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return failed("could not connect to " + uri.getHost() + " within " + settings.connectTimeout().toSeconds() + " s");
        }
        if (cause instanceof HttpTimeoutException) {
            return failed("no complete answer within " + settings.timeout().toSeconds() + " s");
        }
        if (cause instanceof IOException) {
            // The exception's own message can carry internal detail; its kind says enough.
            return failed("cannot fetch " + uri + ": " + cause.getClass().getSimpleName());
        }
        return failed("cannot fetch " + uri + ": " + (cause == null ? "unknown error" : cause.getClass().getSimpleName()));
    }

    private static URI redirectTarget(URI from, HttpResponse<?> response) throws SourceException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> failed(from + " redirected without a Location"));
        try {
            return from.resolve(URI.create(location.strip()));
        } catch (IllegalArgumentException e) {
            throw failed(from + " redirected to an invalid URL");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean isReadable(Optional<String> contentType) {
        return contentType.map(type -> READABLE.contains(mediaType(type))).orElse(true);
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    private static SourceException failed(String why) {
        return new SourceException(SourceProblem.FETCH_FAILED, why);
    }
}
