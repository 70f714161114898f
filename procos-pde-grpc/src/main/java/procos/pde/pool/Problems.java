package procos.pde.pool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects problems while a configuration is read and checked, so loading reports all of them at
 * once. Keeps at most one problem per value: once a value (or the element holding it) is known to
 * be wrong, later checks about it would only repeat the same mistake in other words.
 *
 * <p>A file can only be 1 MiB, but that is room for a hundred thousand broken list items; so
 * lookups cost the depth of a path, not the number of problems, and the report lists the first
 * {@value #MAX_LISTED} in order and counts the rest.
 */
final class Problems {

    static final int MAX_LISTED = 200;

    private record Entry(ConfigPath path, String message) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<ConfigPath> flagged = new HashSet<>();

    /** Records a problem unless {@code path} or an element containing it already has one. */
    void add(ConfigPath path, String message) {
        if (!hasAt(path)) {
            entries.add(new Entry(path, message));
            flagged.add(path);
        }
    }

    /** True if {@code path}, or an element containing it, already has a problem. */
    boolean hasAt(ConfigPath path) {
        for (ConfigPath candidate : path.selfAndAncestors()) {
            if (flagged.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The problems sorted by path (stable, so problems on one path keep the order found); beyond
     * {@value #MAX_LISTED}, one last entry says how many more there are.
     */
    List<PoolConfigProblem> sorted() {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort((a, b) -> a.path().compareTo(b.path()));
        List<PoolConfigProblem> result = new ArrayList<>(Math.min(copy.size(), MAX_LISTED + 1));
        for (Entry entry : copy.subList(0, Math.min(copy.size(), MAX_LISTED))) {
            result.add(new PoolConfigProblem(entry.path().toString(), entry.message()));
        }
        if (copy.size() > MAX_LISTED) {
            result.add(new PoolConfigProblem(ConfigPath.DOCUMENT,
                    (copy.size() - MAX_LISTED) + " more problems not listed; fix the ones above first"));
        }
        return result;
    }
}
