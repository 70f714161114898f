package procos.das.api.knowledge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import procos.das.api.ApiProblem;
import procos.das.knowledge.source.SourceException;
import procos.das.knowledge.source.UrlAllowlist;

/**
 * A URL a user asked to index, checked before any job starts: absolute http(s), no user info, at
 * most {@value #MAX_LENGTH} characters, and a host the operator allows
 * ({@value KnowledgeServices#URL_ALLOWED_HOSTS}). Where the host resolves to is checked later, at
 * every fetch.
 */
final class ReferenceUrl {

    static final int MAX_LENGTH = 2_048;

    private ReferenceUrl() {
    }

    /** @throws ApiProblem 422 naming {@code url} */
    static URI checked(String text, UrlAllowlist allowlist) {
        String url = text.strip();
        if (url.isEmpty() || url.length() > MAX_LENGTH) {
            throw invalid("must be an http or https URL of 1 to " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid("must be an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("user info (name or password in the URL) is not allowed");
        }
        if (allowlist.isEmpty()) {
            throw invalid("this server fetches no URLs until an operator lists the hosts it may fetch from in "
                    + KnowledgeServices.URL_ALLOWED_HOSTS + "; upload the document or put it in the knowledge folder");
        }
        try {
            allowlist.checkUrl(uri);
        } catch (SourceException e) {
            throw invalid(e.getMessage() + " (" + KnowledgeServices.URL_ALLOWED_HOSTS + ")");
        }
        return uri;
    }

    private static ApiProblem invalid(String why) {
        return ApiProblem.unprocessable("url: " + why);
    }
}
