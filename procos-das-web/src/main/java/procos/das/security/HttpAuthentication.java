package procos.das.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How callers prove who they are: HTTP Basic on any request (scripts and API clients), or the
 * sign-in form at {@code /signin} for people, whose browser then keeps a session. Both check the
 * engine's users through {@link EngineIdentityStore}. Which paths need which role is declared in
 * {@code WEB-INF/web.xml}.
 *
 * <p>Without credentials, a browser asking for a page is sent to the sign-in form; every other
 * request (the APIs, scripts, resources that are not pages) gets 401 with a Basic challenge.
 */
@ApplicationScoped
@AutoApplySession
public class HttpAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "ProcOS";
    /** Set on a sign-in request whose credentials were refused, so the page can say so. */
    static final String SIGN_IN_REFUSED = "procos.signin.refused";

    @Inject
    IdentityStoreHandler identities;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Optional<UsernamePasswordCredential> basic = basicCredential(request);
        if (basic.isPresent()) {
            CredentialValidationResult result = identities.validate(basic.get());
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result) : challenge(request, response, context);
        }
        if (SignInPage.isSignIn(request)) {
            return signIn(request, context);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isBrowserPage(request)) {
            return context.redirect(request.getContextPath() + SignInPage.PATH);
        }
        return challenge(request, response, context);
    }

    /**
     * The form's user name and password; the outcome reaches {@link SignInPage}, which redirects
     * a signed-in caller and shows the form again with a message otherwise.
     */
    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context) {
        String user = request.getParameter("username");
        String password = request.getParameter("password");
        if (user == null || password == null || user.isBlank() || user.length() > 256 || password.length() > 1024) {
            request.setAttribute(SIGN_IN_REFUSED, Boolean.TRUE);
            return context.doNothing();
        }
        CredentialValidationResult result = identities.validate(new UsernamePasswordCredential(user.strip(), password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            request.setAttribute(SIGN_IN_REFUSED, Boolean.TRUE);
            return context.doNothing();
        }
        return context.notifyContainerAboutLogin(result);
    }

    private static AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", challengeFor(request));
        return context.responseUnauthorized();
    }

    /**
     * Basic for scripts and API clients; for a browser page's own requests (fetch, server-sent events:
     * {@code Sec-Fetch-Mode} other than {@code navigate}) a scheme browsers do not know, so they do not
     * open their password prompt over the console — which would block it — and the console sends the
     * person to the sign-in form instead.
     */
    static String challengeFor(HttpServletRequest request) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        return mode != null && !mode.equalsIgnoreCase("navigate") ? SIGN_IN_CHALLENGE : BASIC_CHALLENGE;
    }

    static final String BASIC_CHALLENGE = "Basic realm=\"" + REALM + "\"";
    static final String SIGN_IN_CHALLENGE = "ProcOS-Sign-In realm=\"" + REALM + "\", sign-in=\"/procos" + SignInPage.PATH + "\"";

    /** A page a person's browser navigates to: a GET for HTML outside the machine-facing APIs. */
    static boolean isBrowserPage(HttpServletRequest request) {
        String path = request.getServletPath();
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")
                && !path.startsWith("/api/") && !path.equals("/api") && !path.startsWith("/engine-rest");
    }

    /** The credential of an {@code Authorization: Basic} header; empty when there is none or it is malformed. */
    static Optional<UsernamePasswordCredential> basicCredential(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 4096) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.of(new UsernamePasswordCredential("", ""));
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.of(new UsernamePasswordCredential("", ""))
                : Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
