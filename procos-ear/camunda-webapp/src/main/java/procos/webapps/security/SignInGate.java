package procos.webapps.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Lets nothing of Camunda's webapps answer a caller the server has not signed in. People sign in
 * once, on the ProcOS form; Liberty's sign-in cookie belongs to the whole server, so this web
 * module sees the same user ({@code getUserPrincipal}), and Camunda's container-based
 * authentication filter, which runs after this one, takes it over with its engine groups.
 *
 * <p>Without a signed-in user, a browser's GET is sent to {@code /procos/signin?next=<this page>},
 * which comes back here afterwards; anything else (Camunda's REST under {@code /api}, forms,
 * scripts' calls) gets 401. The 401 names no Basic challenge: this module checks no passwords, and
 * a Basic challenge would make a browser open its own password dialog. Whatever Camunda kept in
 * this module's HTTP session (its user, its groups) is dropped too, so signing out of the console
 * also ends the webapps' access, and Camunda's own "Log out" signs out of the server as well.
 */
public class SignInGate extends HttpFilter {

    static final String SIGN_IN = "/procos/signin";
    /** The scheme named in the 401: a session from the sign-in form, no password exchange. */
    static final String CHALLENGE = "ProcOS-Sign-In realm=\"ProcOS\", sign-in=\"" + SIGN_IN + "\"";
    private static final int MAX_NEXT_LENGTH = 2048;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() != null) {
            if (isCamundaSignOut(request)) {
                signOut(request, response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        HttpSession stale = request.getSession(false);
        if (stale != null) {
            stale.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        if (isNavigation(request)) {
            response.sendRedirect(signInLocation(request.getRequestURI(), request.getQueryString(), request.getContextPath()));
            return;
        }
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    /**
     * Camunda's "Log out" ends the server's sign-in, not only Camunda's copy of it (else the next page
     * would take the still signed-in user over again). Answered here: Liberty's sign-out drops the
     * HTTP session, which Camunda's own sign-out and its anti-forgery check would need. A forged
     * cross-site POST cannot get here: the sign-in cookie is SameSite=Strict, so it arrives signed out.
     */
    private static void signOut(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** A GET or HEAD outside the REST API: something a browser loads, whose answer may be the sign-in form. */
    static boolean isNavigation(HttpServletRequest request) {
        String method = request.getMethod();
        String path = pathInWebapps(request);
        return ("GET".equals(method) || "HEAD".equals(method)) && !path.equals("/api") && !path.startsWith("/api/");
    }

    /** Camunda's own sign-out, {@code POST /api/admin/auth/user/{engine}/logout}. */
    static boolean isCamundaSignOut(HttpServletRequest request) {
        String path = pathInWebapps(request);
        return "POST".equals(request.getMethod()) && path.startsWith("/api/admin/auth/user/") && path.endsWith("/logout");
    }

    /** The decoded path below {@code /camunda}, as the servlet mappings see it. */
    private static String pathInWebapps(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    /**
     * The sign-in form with the asked-for path and query as {@code next}; the webapps' start page
     * instead when that is too long to carry (the form accepts no more).
     */
    static String signInLocation(String requestUri, String query, String contextPath) {
        String next = query == null ? requestUri : requestUri + "?" + query;
        if (next.length() > MAX_NEXT_LENGTH) {
            next = contextPath + "/";
        }
        return SIGN_IN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
