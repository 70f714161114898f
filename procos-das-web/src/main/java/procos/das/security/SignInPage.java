package procos.das.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The sign-in form for people, {@code /procos/signin}: GET shows it, POST (fields {@code username},
 * {@code password}, checked by {@link HttpAuthentication} before this servlet runs) sends a
 * signed-in browser on and shows the form again, with a message and 401, otherwise.
 * The page is {@code signin.html}; it and its stylesheet are all that answers without credentials.
 *
 * <p>On goes to {@code next} when it is a path on this server ({@link LocalPath}), else to the
 * console. Camunda's webapps send a browser without a session here with the page it asked for as
 * {@code next}; the form carries it through the POST in a hidden field. Liberty's sign-in cookie is
 * the server's, so the same sign-in opens both.
 */
@WebServlet(SignInPage.PATH)
public class SignInPage extends HttpServlet {

    static final String PATH = "/signin";
    static final String NEXT = "next";
    private static final String PAGE = "/signin.html";
    private static final String MESSAGE_SLOT = "<!--message-->";
    private static final String REFUSED_MESSAGE =
            "<p class=\"message\" role=\"alert\" id=\"signin-message\">Wrong user name or password.</p>";

    /** True for the form's POST, whose credentials the authentication mechanism checks. */
    static boolean isSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATH.equals(request.getServletPath());
    }

    /** GET /procos/signin[?next=/path]: the form. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page(response, HttpServletResponse.SC_OK, nextField(request));
    }

    /** POST /procos/signin: to {@code next} (or the console) when signed in, else the form again with a message. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!SameOrigin.check(request, response)) {
            return;
        }
        if (request.getUserPrincipal() != null && request.getAttribute(HttpAuthentication.SIGN_IN_REFUSED) == null) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", LocalPath.of(request.getParameter(NEXT)).orElse(request.getContextPath() + "/"));
            return;
        }
        page(response, HttpServletResponse.SC_UNAUTHORIZED, REFUSED_MESSAGE + nextField(request));
    }

    /** The hidden field that carries a valid {@code next} through the form's POST; empty without one. */
    private static String nextField(HttpServletRequest request) {
        return LocalPath.of(request.getParameter(NEXT))
                .map(next -> "<input type=\"hidden\" name=\"" + NEXT + "\" value=\"" + escapeAttribute(next) + "\">")
                .orElse("");
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void page(HttpServletResponse response, int status, String message) throws IOException {
        String html;
        try (InputStream in = getServletContext().getResourceAsStream(PAGE)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
        response.getWriter().write(html.replace(MESSAGE_SLOT, message));
    }
}
