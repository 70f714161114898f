package procos.pde.endpoint.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * Decides whether a URL may be called: an absolute http or https URL with a host, no user
 * credentials, and a host in the allowlist. Applied to the task's URL and to every redirect hop, so
 * a server cannot bounce the endpoint to a host the operator never allowed.
 */
final class TargetCheck {

    private final HostAllowlist allowlist;

    TargetCheck(HostAllowlist allowlist) {
        this.allowlist = allowlist;
    }

    /**
     * The task's URL, checked.
     *
     * @throws EndpointException {@code INVALID_INPUT} if it is malformed or not http(s);
     *                           {@code HOST_NOT_ALLOWED} if its host is not allowed
     */
    URI input(String url) throws EndpointException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The reason and position, not the URL itself: its query may carry a secret.
            throw InvokeInputs.invalid("url is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String problem = problem(uri);
        if (problem != null) {
            throw InvokeInputs.invalid("url " + problem);
        }
        return allowed(uri, "url");
    }

    /**
     * Where a redirect from {@code from} leads, checked like the task's URL.
     *
     * @throws EndpointException {@code INVALID_REDIRECT} if {@code location} is malformed or not
     *                           http(s); {@code HOST_NOT_ALLOWED} if its host is not allowed
     */
    URI redirect(URI from, String location) throws EndpointException {
        URI uri;
        try {
            uri = from.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new EndpointException(HttpErrors.INVALID_REDIRECT,
                    "'" + from.getHost() + "' redirected to a malformed Location", false);
        }
        String problem = problem(uri);
        if (problem != null) {
            throw new EndpointException(HttpErrors.INVALID_REDIRECT,
                    "'" + from.getHost() + "' redirected to a URL that " + problem, false);
        }
        return allowed(uri, "redirect");
    }

    private URI allowed(URI uri, String what) throws EndpointException {
        if (!allowlist.allows(uri.getHost())) {
            throw HttpErrors.hostNotAllowed(uri.getHost(), what);
        }
        return uri;
    }

    /** What is wrong with {@code uri} as a target, or {@code null}. */
    private static String problem(URI uri) {
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return "must be an absolute http:// or https:// URL";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "has scheme '" + scheme + "'; only http and https are supported";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "has no valid host";
        }
        if (uri.getRawUserInfo() != null) {
            return "carries user credentials; send them in a header instead";
        }
        return null;
    }
}
