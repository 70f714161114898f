package procos.pde.endpoint.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.output.FinishReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import procos.logging.SecretRedactor;
import procos.pde.endpoint.EndpointException;

/**
 * The error codes of the LLM endpoint and the translation of what the langchain4j clients throw
 * into them, in one place, so that the pipeline can decide on retries without knowing any provider:
 * rate limits, server errors, timeouts and unreachable servers may pass and are retryable; refused
 * credentials, refused requests and unknown models will fail again the same way and are not.
 */
final class LlmErrors {

    /** The endpoint has no model server configured. */
    static final String NOT_CONFIGURED = "NOT_CONFIGURED";
    /** HTTP 401/403: the key is missing, wrong or not allowed this model. */
    static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    /** HTTP 400 and other 4xx: the server refused the request as it is (parameters, context length, JSON mode). */
    static final String REQUEST_REFUSED = "REQUEST_REFUSED";
    /** HTTP 404: the server does not know the model. */
    static final String MODEL_NOT_FOUND = "MODEL_NOT_FOUND";
    /** HTTP 429: rate limit or quota; another attempt later may pass. */
    static final String RATE_LIMITED = "RATE_LIMITED";
    /** HTTP 5xx, or the server could not be reached. */
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    static final String CANCELLED = "CANCELLED";
    /** JSON was asked for and the answer is not JSON; models vary between attempts, so it is retryable. */
    static final String OUTPUT_NOT_JSON = "OUTPUT_NOT_JSON";
    static final String UNSUPPORTED_TASK_TYPE = "UNSUPPORTED_TASK_TYPE";
    static final String INTERNAL = "INTERNAL";

    /** Longest part of a server's error body quoted in a message: enough for its reason, not for a dump. */
    private static final int MAX_QUOTED = 300;

    private LlmErrors() {
    }

    static EndpointException notConfigured(String endpointId, LlmSettings settings) {
        return new EndpointException(NOT_CONFIGURED, "no model configured: " + settings.howToConfigure(endpointId), false);
    }

    static EndpointException deadline(String host) {
        return new EndpointException(DEADLINE_EXCEEDED, "no answer from model server '" + host + "' within the time allowed", true);
    }

    static EndpointException notJson(FinishReason finish) {
        return new EndpointException(OUTPUT_NOT_JSON, "JSON was asked for but the model's answer is not valid JSON"
                + (finish == FinishReason.LENGTH ? " (it was cut off at the token limit)" : ""), true);
    }

    /**
     * The endpoint's terms for a failure of the langchain4j client. Messages name the host and
     * quote the server's reason, with the key masked should the server echo it.
     */
    static EndpointException from(RuntimeException failure, String host, Optional<String> apiKey) {
        Optional<HttpException> http = find(failure, HttpException.class);
        if (http.isPresent()) {
            return fromStatus(http.get().statusCode(), host, quote(http.get().getMessage(), apiKey));
        }
        if (find(failure, TimeoutException.class).isPresent() || find(failure, HttpTimeoutException.class).isPresent()) {
            return deadline(host);
        }
        if (Thread.currentThread().isInterrupted() || find(failure, InterruptedException.class).isPresent()
                || find(failure, InterruptedIOException.class).isPresent()) {
            return new EndpointException(CANCELLED, "call to model server '" + host + "' was cancelled", false);
        }
        if (find(failure, UnresolvedModelServerException.class).isPresent() || find(failure, IOException.class).isPresent()) {
            Throwable cause = find(failure, IOException.class).map(Throwable.class::cast).orElse(failure);
            return new EndpointException(UNAVAILABLE, "cannot reach model server '" + host + "': "
                    + cause.getClass().getSimpleName(), true);
        }
        return new EndpointException(INTERNAL, "call to model server '" + host + "' failed: "
                + failure.getClass().getSimpleName() + quote(failure.getMessage(), apiKey), false);
    }

    private static EndpointException fromStatus(int status, String host, String reason) {
        String answered = "model server '" + host + "' answered HTTP " + status + reason;
        if (status == 401 || status == 403) {
            return new EndpointException(AUTHENTICATION_FAILED, answered + " (check api_key)", false);
        }
        if (status == 404) {
            return new EndpointException(MODEL_NOT_FOUND, answered + " (check model and base_url)", false);
        }
        if (status == 408) {
            return deadline(host);
        }
        if (status == 429) {
            return new EndpointException(RATE_LIMITED, answered, true);
        }
        if (status >= 500) {
            return new EndpointException(UNAVAILABLE, answered, true);
        }
        return new EndpointException(REQUEST_REFUSED, answered, false);
    }

    private static String quote(String text, Optional<String> apiKey) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String masked = apiKey.map(key -> text.replace(key, SecretRedactor.MASK)).orElse(text);
        masked = SecretRedactor.redactText(masked).strip();
        return ": " + (masked.length() > MAX_QUOTED ? masked.substring(0, MAX_QUOTED) + "…" : masked);
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
