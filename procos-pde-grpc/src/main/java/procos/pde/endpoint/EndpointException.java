package procos.pde.endpoint;

/** An endpoint could not answer. {@code retryable} tells the pipeline whether another attempt may succeed. */
public class EndpointException extends Exception {

    private final String code;
    private final boolean retryable;

    public EndpointException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public EndpointException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    /** Machine-readable reason, e.g. UNAVAILABLE, DEADLINE_EXCEEDED, INVALID_INPUT. */
    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
