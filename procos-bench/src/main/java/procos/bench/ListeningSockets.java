package procos.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses TCP ports listen on, from Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}: what
 * the kernel has bound, not what a configuration file says.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** The local addresses listening on {@code port}, IPv4 and IPv6; empty when nothing listens (or off Linux). */
    static List<InetAddress> on(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (Files.isReadable(path)) {
                addresses.addAll(parse(Files.readAllLines(path), port));
            }
        }
        return addresses;
    }

    /** The listening entries for {@code port} in the lines of one such table (header line included). */
    static List<InetAddress> parse(List<String> lines, int port) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            // sl local_address rem_address st …
            if (fields.length < 4 || !fields[3].equals(LISTEN)) {
                continue;
            }
            int colon = fields[1].indexOf(':');
            if (colon < 0 || Integer.parseInt(fields[1].substring(colon + 1), 16) != port) {
                continue;
            }
            addresses.add(address(fields[1].substring(0, colon)));
        }
        return addresses;
    }

    /** Every address is a loopback address (127.0.0.0/8, ::1, or 127.x mapped into IPv6); false for none. */
    static boolean loopbackOnly(List<InetAddress> addresses) {
        return !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }
}
