package procos.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them after the
 * full collection it runs first: the total is the live heap, free of whatever the application
 * allocated since.
 */
record HeapHistogram(Map<String, Long> bytesByClass, long totalBytes) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

    static final HeapHistogram NONE = new HeapHistogram(Map.of(), -1);

    static HeapHistogram parse(String text) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        long total = -1;
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
                continue;
            }
            Matcher sum = TOTAL.matcher(line);
            if (sum.find()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        return new HeapHistogram(Map.copyOf(bytes), total);
    }

    /** One class's change between two histograms. */
    record Change(String className, long before, long after) {

        long delta() {
            return after - before;
        }

        String describe() {
            return String.format(Locale.ROOT, "`%s` %+.1f MiB (%.1f → %.1f)", className, delta() / 1048576.0, before / 1048576.0,
                    after / 1048576.0);
        }
    }

    /** The {@code limit} classes whose live bytes grew most from {@code before} to this histogram. */
    List<Change> largestGrowthSince(HeapHistogram before, int limit) {
        Set<String> classes = new HashSet<>(bytesByClass.keySet());
        classes.addAll(before.bytesByClass.keySet());
        List<Change> changes = new ArrayList<>();
        for (String name : classes) {
            Change change = new Change(name, before.bytesByClass.getOrDefault(name, 0L), bytesByClass.getOrDefault(name, 0L));
            if (change.delta() > 0) {
                changes.add(change);
            }
        }
        changes.sort(Comparator.comparingLong(Change::delta).reversed().thenComparing(Change::className));
        return changes.subList(0, Math.min(limit, changes.size()));
    }
}
