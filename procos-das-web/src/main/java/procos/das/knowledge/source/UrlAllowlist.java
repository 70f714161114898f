package procos.das.knowledge.source;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which URLs a fetch may reach: http or https, no user info, and a host the operator listed (by
 * name, case-insensitive). Every address the host resolves to must be public, except an internal
 * one (loopback, link-local, site-local, unique-local, any-local, multicast) that is itself listed
 * literally — so a listed name cannot be pointed at an internal service through DNS unless the
 * operator listed that internal address too. The check resolves the name once before connecting;
 * it does not pin the address for the connection (a DNS answer that changes in between is not
 * caught), which is why only names the operator trusts are listed at all.
 */
public final class UrlAllowlist {

    private final Set<String> hosts;

    public UrlAllowlist(Collection<String> hosts) {
        this.hosts = hosts.stream().map(UrlAllowlist::normalized).filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** From a comma-separated list, as the setting holds it. */
    public static UrlAllowlist parse(String commaSeparated) {
        return new UrlAllowlist(commaSeparated == null ? Set.of() : Set.of(commaSeparated.split(",")).stream()
                .map(String::strip).collect(Collectors.toSet()));
    }

    /** No host is allowed: every URL is refused. */
    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    /**
     * @throws SourceException {@link SourceProblem#FETCH_FAILED} for a scheme other than http(s),
     *                         user info, no host, or a host not listed
     */
    public void checkUrl(URI uri) throws SourceException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https URLs are fetched, not '" + scheme + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("URLs with user info are not fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refused("the URL names no host");
        }
        if (!hosts.contains(normalized(uri.getHost()))) {
            throw refused("host '" + uri.getHost() + "' is not an allowed host");
        }
    }

    /**
     * Resolves the URL's host and refuses internal addresses that are not listed literally.
     *
     * @throws SourceException {@link SourceProblem#FETCH_FAILED} when the host does not resolve or
     *                         resolves to an internal address
     */
    public void checkAddresses(URI uri) throws SourceException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw refused("host '" + uri.getHost() + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && !hosts.contains(normalized(address.getHostAddress()))) {
                throw refused("host '" + uri.getHost() + "' resolves to the internal address " + address.getHostAddress()
                        + ", which is fetched only when that address itself is an allowed host");
            }
        }
    }

    private static boolean isInternal(InetAddress address) {
        byte[] raw = address.getAddress();
        boolean uniqueLocal = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    }

    /** Lower case, IPv6 brackets removed, and an IP literal in its canonical form. */
    private static String normalized(String host) {
        String text = host.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.contains(":") || text.matches("[0-9.]+")) {
            try {
                // An IP literal is parsed without a DNS lookup.
                return InetAddress.getByName(text).getHostAddress();
            } catch (UnknownHostException e) {
                return text;
            }
        }
        return text;
    }

    private static SourceException refused(String why) {
        return new SourceException(SourceProblem.FETCH_FAILED, why);
    }
}
