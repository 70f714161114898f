package procos.das.api;

/**
 * A request the API refuses, with a message for the caller that names what is wrong (the field and
 * the reason). {@link ApiErrors} answers it as JSON with its status.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String reason;

    private ApiProblem(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(400, "Bad Request", message);
    }

    /** The body is well-formed but a value in it cannot be accepted. */
    public static ApiProblem unprocessable(String message) {
        return new ApiProblem(422, "Unprocessable Content", message);
    }

    public static ApiProblem forbidden(String message) {
        return new ApiProblem(403, "Forbidden", message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(404, "Not Found", message);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(409, "Conflict", message);
    }

    public static ApiProblem tooLarge(String message) {
        return new ApiProblem(413, "Content Too Large", message);
    }

    /** The content is not of a type the resource can take (told from the bytes, not the declared type). */
    public static ApiProblem unsupportedMediaType(String message) {
        return new ApiProblem(415, "Unsupported Media Type", message);
    }

    /** The work did not finish within the deadline the caller gave. */
    public static ApiProblem gatewayTimeout(String message) {
        return new ApiProblem(504, "Gateway Timeout", message);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
