package procos.das.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * Refuses a form POST sent from another site. The session cookie is already SameSite=Strict; this
 * also covers signing in (no cookie yet, so SameSite cannot help): a browser names the page that
 * sent the form in {@code Origin}, and it must be this server. Scripts send no {@code Origin}.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    /** True when the request may go on; otherwise it has been answered 403. */
    static boolean check(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        if (origin == null || sameOrigin(origin, request)) {
            return true;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-site form");
        return false;
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            return request.getScheme().equalsIgnoreCase(uri.getScheme()) && request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == port;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
