package procos.pde.endpoint.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import procos.pde.endpoint.EndpointSettings;

/**
 * The hosts an HTTP endpoint may call (and, read the same way, the recipient domains a mail
 * endpoint may send to). A task's URL comes from process data, which may come from anyone, so
 * without a list an endpoint inside the network would be a proxy to every internal service; an
 * empty list therefore allows nothing.
 *
 * <p>Entries are exact host names or IP literals ({@code api.example.com}, {@code 127.0.0.1},
 * {@code [::1]}) or {@code *.suffix}, which matches any name below the suffix but not the suffix
 * itself. Matching compares spelling, case-insensitively and ignoring one trailing dot; it never
 * resolves names, so {@code localhost} and {@code 127.0.0.1} are different hosts, and an allowed
 * name is trusted to resolve to where its owner says. Ports are not part of an entry.
 */
public final class HostAllowlist {

    private final List<String> exact;
    private final List<String> suffixes;
    private final List<String> entries;

    private HostAllowlist(List<String> exact, List<String> suffixes, List<String> entries) {
        this.exact = List.copyOf(exact);
        this.suffixes = List.copyOf(suffixes);
        this.entries = List.copyOf(entries);
    }

    /** Allows nothing. */
    public static HostAllowlist none() {
        return new HostAllowlist(List.of(), List.of(), List.of());
    }

    /**
     * Parses a comma-separated list; blanks between commas are skipped.
     *
     * @throws IllegalArgumentException describing the first entry that is not a host or {@code *.suffix}
     */
    /**
     * The list in the required setting {@code name}, which must name at least one {@code noun}
     * (host, domain).
     *
     * @throws IllegalArgumentException naming the endpoint and the setting
     */
    public static HostAllowlist fromSetting(EndpointSettings settings, String name, String noun, String hint) {
        String value = settings.required(name, hint);
        HostAllowlist allowlist;
        try {
            allowlist = parse(value);
        } catch (IllegalArgumentException e) {
            throw settings.invalid(name, e.getMessage());
        }
        if (allowlist.isEmpty()) {
            throw settings.invalid(name, "lists no " + noun);
        }
        return allowlist;
    }

    public static HostAllowlist parse(String commaSeparated) {
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("*.")) {
                String suffix = normalize(entry.substring(2));
                checkHost(raw.trim(), suffix);
                suffixes.add("." + suffix);
            } else {
                String host = normalize(entry);
                checkHost(raw.trim(), host);
                exact.add(host);
            }
            entries.add(entry);
        }
        return new HostAllowlist(exact, suffixes, entries);
    }

    /** Whether a request to {@code host} (as {@link java.net.URI#getHost()} spells it) may be sent. */
    public boolean allows(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = normalize(host.toLowerCase(Locale.ROOT));
        if (exact.contains(name)) {
            return true;
        }
        return suffixes.stream().anyMatch(suffix -> name.length() > suffix.length() && name.endsWith(suffix));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as configured, lower-cased. */
    public List<String> entries() {
        return entries;
    }

    private static String normalize(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        // An IPv6 literal is written bracketed in URLs, and URI.getHost() keeps the brackets.
        if (name.indexOf(':') != name.lastIndexOf(':') && !name.startsWith("[")) {
            return "[" + name + "]";
        }
        return name;
    }

    private static void checkHost(String entry, String host) {
        if (host.isEmpty() || host.startsWith(".") || host.contains("*")) {
            throw new IllegalArgumentException("'" + entry + "' is not a host name or *.suffix");
        }
        boolean ipv6 = host.startsWith("[") && host.endsWith("]");
        for (char c : host.toCharArray()) {
            boolean allowed = Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_'
                    || (ipv6 && (c == ':' || c == '[' || c == ']' || c == '%'));
            if (!allowed) {
                throw new IllegalArgumentException("'" + entry + "' is not a host name or *.suffix "
                        + "(write host names only: no scheme, port, path or user)");
            }
        }
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
