package procos.pde.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where in the YAML document a value lives, e.g. {@code pde_manager.pools[1].max_concurrent_tasks}.
 * Every problem carries one so the operator can go straight to the line to fix; it is also what
 * problems are sorted by, so the same file always yields the same list in the same order.
 */
final class ConfigPath implements Comparable<ConfigPath> {

    /** Label of problems about the document as a whole (size, syntax, emptiness). */
    static final String DOCUMENT = "(document)";

    private static final ConfigPath ROOT = new ConfigPath(List.of());

    /** Each segment is a mapping key ({@link String}) or a list index ({@link Integer}). */
    private final List<Object> segments;

    private ConfigPath(List<Object> segments) {
        this.segments = segments;
    }

    static ConfigPath root() {
        return ROOT;
    }

    ConfigPath key(String key) {
        return append(Objects.requireNonNull(key, "key"));
    }

    ConfigPath index(int index) {
        return append(index);
    }

    /** The last mapping key of this path ({@code token} for {@code nodes[0].token}), or empty. */
    String lastKey() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i) instanceof String key) {
                return key;
            }
        }
        return "";
    }

    /** This path and every path containing it, outermost (the document) first. */
    List<ConfigPath> selfAndAncestors() {
        List<ConfigPath> result = new ArrayList<>(segments.size() + 1);
        for (int n = 0; n <= segments.size(); n++) {
            result.add(new ConfigPath(segments.subList(0, n)));
        }
        return result;
    }

    private ConfigPath append(Object segment) {
        List<Object> longer = new ArrayList<>(segments.size() + 1);
        longer.addAll(segments);
        longer.add(segment);
        return new ConfigPath(Collections.unmodifiableList(longer));
    }

    /**
     * Document order as far as the schema defines it: keys by their place in {@link ConfigSchema},
     * list elements by index, a parent before its children.
     */
    @Override
    public int compareTo(ConfigPath other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            int c = compareSegments(segments.get(i), other.segments.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    private static int compareSegments(Object a, Object b) {
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            int c = Integer.compare(ConfigSchema.rank(x), ConfigSchema.rank(y));
            return c != 0 ? c : x.compareTo(y);
        }
        return a instanceof Integer ? -1 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return DOCUMENT;
        }
        StringBuilder text = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(segment);
            }
        }
        return text.toString();
    }
}
