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
 * signed-in browser to the console and shows the form again, with a message and 401, otherwise.
 * The page is {@code signin.html}; it and its stylesheet are all that answers without credentials.
 */
@WebServlet(SignInPage.PATH)
public class SignInPage extends HttpServlet {

    static final String PATH = "/signin";
    private static final String PAGE = "/signin.html";
    private static final String MESSAGE_SLOT = "<!--message-->";
    private static final String REFUSED_MESSAGE =
            "<p class=\"message\" role=\"alert\" id=\"signin-message\">Wrong user name or password.</p>";

    /** True for the form's POST, whose credentials the authentication mechanism checks. */
    static boolean isSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATH.equals(request.getServletPath());
    }

    /** GET /procos/signin: the form. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        page(response, HttpServletResponse.SC_OK, "");
    }

    /** POST /procos/signin: to the console when signed in, else the form again with a message. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!SameOrigin.check(request, response)) {
            return;
        }
        if (request.getUserPrincipal() != null && request.getAttribute(HttpAuthentication.SIGN_IN_REFUSED) == null) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/");
            return;
        }
        page(response, HttpServletResponse.SC_UNAUTHORIZED, REFUSED_MESSAGE);
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
