package procos.pde.endpoint.http;

import procos.pde.endpoint.EndpointException;

/**
 * The error codes of the HTTP endpoint and whether each is worth retrying, in one place, so the
 * same failure is never reported under two codes.
 */
final class HttpErrors {

    /** The URL's host (or a redirect's) is not in {@code allowed_hosts}. Retrying cannot help. */
    static final String HOST_NOT_ALLOWED = "HOST_NOT_ALLOWED";
    /** The body exceeded {@code max_response_bytes}; the same request would get the same body. */
    static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";
    /** A redirect the endpoint cannot follow: malformed Location or a scheme other than http(s). */
    static final String INVALID_REDIRECT = "INVALID_REDIRECT";
    static final String TOO_MANY_REDIRECTS = "TOO_MANY_REDIRECTS";
    /** The server answered 5xx; reported in the response, with the outputs, not thrown. */
    static final String HTTP_5XX = "HTTP_5XX";
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    /** The TLS handshake failed (certificate, protocol): a configuration problem, not a transient one. */
    static final String TLS_ERROR = "TLS_ERROR";
    static final String CANCELLED = "CANCELLED";
    static final String UNSUPPORTED_TASK_TYPE = "UNSUPPORTED_TASK_TYPE";
    static final String INTERNAL = "INTERNAL";

    private HttpErrors() {
    }

    static EndpointException hostNotAllowed(String host, String what) {
        return new EndpointException(HOST_NOT_ALLOWED, what + " host '" + host + "' is not in allowed_hosts", false);
    }

    static EndpointException deadline(String host) {
        return new EndpointException(DEADLINE_EXCEEDED, "no complete answer from '" + host + "' within the time allowed", true);
    }

    static EndpointException tooLarge(String host, long cap) {
        return new EndpointException(RESPONSE_TOO_LARGE,
                "response body from '" + host + "' is larger than max_response_bytes (" + cap + ")", false);
    }
}
