package procos.pde.endpoint.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import procos.pde.endpoint.EndpointException;

/**
 * Sends one {@link HttpCall} and, if allowed, follows its redirects itself, so that every hop is
 * checked against the allowlist before a byte goes to it (the client's own redirect support would
 * follow them unchecked). The whole exchange, redirects and body included, ends at one deadline;
 * failures become the endpoint's error codes.
 */
final class HttpExchange {

    /** Hops followed before giving up with {@code TOO_MANY_REDIRECTS}; five is what the JDK client allows itself. */
    static final int MAX_REDIRECTS = 5;

    /** The final response, and how many redirects led to it. */
    record Result(URI uri, HttpResponse<byte[]> response, int redirects) {
    }

    private final HttpClient client;
    private final TargetCheck targets;
    private final HttpSettings settings;

    HttpExchange(HttpClient client, TargetCheck targets, HttpSettings settings) {
        this.client = client;
        this.targets = targets;
        this.settings = settings;
    }

    /** Runs {@code call} until {@code budget} from now is used up. */
    Result run(HttpCall call, Duration budget) throws EndpointException {
        long deadline = System.nanoTime() + Math.max(0, budget.toNanos());
        HttpCall current = call;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = send(current, deadline);
            Optional<String> location = response.headers().firstValue("location");
            if (!settings.followRedirects() || !isRedirect(response.statusCode()) || location.isEmpty()) {
                return new Result(current.uri(), response, redirects);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new EndpointException(HttpErrors.TOO_MANY_REDIRECTS,
                        "more than " + MAX_REDIRECTS + " redirects, the last from '" + current.uri().getHost() + "'", false);
            }
            current = current.redirectedTo(targets.redirect(current.uri(), location.get()), response.statusCode());
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private HttpResponse<byte[]> send(HttpCall call, long deadline) throws EndpointException {
        String host = call.uri().getHost();
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw HttpErrors.deadline(host);
        }
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request(call, Duration.ofNanos(remaining)),
                BoundedBody.handler(settings.maxResponseBytes(), call.method().equals("HEAD")));
        try {
            return pending.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw HttpErrors.deadline(host);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new EndpointException(HttpErrors.CANCELLED, "call to '" + host + "' was cancelled", false);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), host);
        }
    }

    private static HttpRequest request(HttpCall call, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(timeout);
        if (call.uri().getScheme().equalsIgnoreCase("http")) {
            // Plain HTTP/2 would mean an h2c upgrade attempt on every new connection, which some
            // servers and proxies mishandle; over https, HTTP/2 is negotiated safely (ALPN).
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        for (Map.Entry<String, String> header : call.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.method(call.method(), call.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body())).build();
    }

    /** The endpoint's terms for what the client reported. Messages name the host, never the URL. */
    private EndpointException failure(Throwable failure, String host) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BoundedBody.TooLargeException) {
                return HttpErrors.tooLarge(host, settings.maxResponseBytes());
            }
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return HttpErrors.deadline(host);
        }
        if (cause instanceof ConnectException) {
            return new EndpointException(HttpErrors.UNAVAILABLE, "cannot connect to '" + host + "': "
                    + cause.getClass().getSimpleName(), true);
        }
        if (cause instanceof SSLException) {
            return new EndpointException(HttpErrors.TLS_ERROR, "TLS with '" + host + "' failed: " + cause.getMessage(), false);
        }
        if (cause instanceof IOException) {
            return new EndpointException(HttpErrors.UNAVAILABLE, "exchange with '" + host + "' failed: "
                    + cause.getClass().getSimpleName(), true);
        }
        return new EndpointException(HttpErrors.INTERNAL, "call to '" + host + "' failed: " + cause, false, cause);
    }
}
