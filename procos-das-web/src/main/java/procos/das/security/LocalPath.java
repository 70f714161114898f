package procos.das.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where the sign-in form may send a browser afterwards ({@code next}): a path on this server only,
 * so the form can never be used to bounce a person to another site (an open redirect). A path
 * starts with one {@code /}; {@code //host} and {@code /\host} name another host to a browser.
 */
final class LocalPath {

    /** Longer than any page of the console or Camunda's webapps with its query; longer is refused. */
    static final int MAX_LENGTH = 2048;

    private LocalPath() {
    }

    /** The value when it is a path on this server, empty otherwise (absent, too long, another host, malformed). */
    static Optional<String> of(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || next.charAt(0) != '/') {
            return Optional.empty();
        }
        if (next.startsWith("//") || next.indexOf('\\') >= 0 || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? Optional.of(next) : Optional.empty();
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }
}
