package procos.das.knowledge.source;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import procos.pde.endpoint.http.HostAllowlist;

/**
 * Which URLs a fetch may reach: http or https, no user info, and a host the operator listed (a
 * {@link HostAllowlist}: exact names, IP literals or {@code *.suffix}). Every address the host
 * resolves to must also be public, except an internal one (loopback, link-local, site-local,
 * unique-local, any-local, multicast) that is itself listed as an IP literal — so a listed name
 * cannot be pointed at an internal service through DNS unless the operator listed that internal
 * address too. The name is resolved once before connecting and the address is not pinned for the
 * connection (a DNS answer that changes in between is not caught), which is why only names the
 * operator trusts belong in the list.
 */
public final class UrlAllowlist {

    private static final String IPV4 = "\\d{1,3}(\\.\\d{1,3}){3}";

    private final HostAllowlist hosts;
    private final Set<InetAddress> listedAddresses = new HashSet<>();

    public UrlAllowlist(HostAllowlist hosts) {
        this.hosts = hosts;
        for (String entry : hosts.entries()) {
            literal(entry).ifPresent(listedAddresses::add);
        }
    }

    /**
     * From a comma-separated list, as the setting holds it.
     *
     * @throws IllegalArgumentException naming the first entry that is not a host, IP literal or {@code *.suffix}
     */
    public static UrlAllowlist parse(String commaSeparated) {
        return new UrlAllowlist(HostAllowlist.parse(commaSeparated == null ? "" : commaSeparated));
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
        if (!hosts.allows(uri.getHost())) {
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
            if (isInternal(address) && !listedAddresses.contains(address)) {
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

    /** The address an IP-literal entry names; never a DNS lookup (names and suffixes give nothing). */
    private static Optional<InetAddress> literal(String entry) {
        String text = entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry;
        if (!text.matches(IPV4) && !text.matches("[0-9a-f:.%]*:[0-9a-f:.%]*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static SourceException refused(String why) {
        return new SourceException(SourceProblem.FETCH_FAILED, why);
    }
}
