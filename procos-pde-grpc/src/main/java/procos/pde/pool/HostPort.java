package procos.pde.pool;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gRPC target {@code host:port}, as written for remote endpoints and PDE nodes. Parsed strictly
 * (no scheme, no path, a port in 1..65535) because a malformed address otherwise only shows up as
 * a connection failure at the first task, far from the file that caused it.
 *
 * @param host a DNS name, an IPv4 address, or an IPv6 address without brackets
 * @param port 1..65535
 */
public record HostPort(String host, int port) {

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(?:%[A-Za-z0-9]+)?");
    private static final Pattern FORM = Pattern.compile("(?:\\[([^\\]]+)]|([^:\\[\\]]+)):([0-9]{1,5})");

    public HostPort {
        if (host == null || host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a host and port: " + host + ":" + port);
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}; empty if {@code text} is anything else
     * (missing port, scheme, path, spaces, port out of range).
     */
    public static Optional<HostPort> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(1) != null ? m.group(1) : m.group(2);
        boolean validHost = m.group(1) != null
                ? IPV6.matcher(host).matches() && host.indexOf(':') >= 0
                : HOST_NAME.matcher(host).matches();
        int port = Integer.parseInt(m.group(3));
        if (!validHost || port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new HostPort(host, port));
    }

    /** The form gRPC's {@code ManagedChannelBuilder.forTarget} accepts; IPv6 hosts in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
