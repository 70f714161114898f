package procos.das.knowledge;

import java.util.Objects;

/**
 * The vector store or the embedder failed. That is not a problem of one source, so the run stops
 * where it is; the message ({@code CODE: message}) goes into the report as the abort reason.
 */
final class RunAborted extends RuntimeException {

    private final String source;

    private RunAborted(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    static RunAborted storeFailed(String source, Throwable cause) {
        return new RunAborted(source, "VECTOR_STORE_FAILED: the vector store refused the change: " + describe(cause), cause);
    }

    static RunAborted embeddingFailed(String source, Throwable cause) {
        return new RunAborted(source, "EMBEDDING_FAILED: the embedder failed: " + describe(cause), cause);
    }

    /** The source being stored or embedded when it happened. */
    String source() {
        return source;
    }

    private static String describe(Throwable cause) {
        return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
    }
}
