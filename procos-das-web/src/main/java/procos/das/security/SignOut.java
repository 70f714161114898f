package procos.das.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code POST /procos/signout}: ends the browser's session (the container forgets the sign-in and
 * its cookie, the HTTP session is dropped) and shows the sign-in form. Only POST, so no link or
 * image on another page can sign a person out.
 */
@WebServlet("/signout")
public class SignOut extends HttpServlet {

    /** POST /procos/signout: signs out and redirects to {@code /procos/signin}. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!SameOrigin.check(request, response)) {
            return;
        }
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + SignInPage.PATH);
    }
}
