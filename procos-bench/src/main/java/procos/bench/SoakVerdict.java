package procos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Flat or not: each resource's last samples under load against its samples at the same phase — under
 * load, after the warm-up — of each half. Medians of {@link #WINDOW} samples, so one GC or one burst
 * of connections does not decide. Flat means the end is within the metric's tolerance of both
 * baselines: of the first half (across the restart: a new JVM on a database that has grown) and of the
 * second (within one JVM's run).
 */
final class SoakVerdict {

    /** Samples in each baseline and in the end. */
    static final int WINDOW = 3;

    /** A judged resource: tolerance = the larger of {@code relative} × baseline and {@code absolute}. */
    record Metric(String name, String unit, double scale, double relative, double absolute, ToLongFunction<SoakSample> value) {

        double tolerance(double baseline) {
            return Math.max(relative * Math.abs(baseline), absolute);
        }

        String describeTolerance() {
            return String.format(Locale.ROOT, "±max(%.0f %%, %s %s)", relative * 100, trim(absolute), unit);
        }
    }

    static final Metric HEAP = new Metric("live heap after full GC (class histogram)", "MiB", 1024.0 * 1024, 0.10, 16,
            SoakSample::liveHeap);
    static final Metric JVM_THREADS = new Metric("Java threads (thread_count)", "threads", 1, 0.05, 3, SoakSample::jvmThreads);
    static final Metric OS_THREADS = new Metric("process threads (/proc)", "threads", 1, 0.05, 3, SoakSample::osThreads);
    static final Metric OPEN_FILES = new Metric("open file descriptors", "fds", 1, 0.05, 5, SoakSample::openFiles);
    static final Metric POOL = new Metric("engine pool connections open (in use + idle)", "connections", 1, 0.10, 3,
            SoakSample::poolOpen);
    static final Metric DB_SESSIONS = new Metric("database sessions (pg_stat_activity)", "sessions", 1, 0.10, 3,
            SoakSample::dbSessions);

    static final List<Metric> METRICS = List.of(HEAP, JVM_THREADS, OS_THREADS, OPEN_FILES, POOL, DB_SESSIONS);

    /**
     * One metric's judgement; values in the metric's unit, NaN where not measured. {@code trendPerMinute}
     * is the least-squares slope over the second half's samples after the warm-up: not part of the
     * verdict, it shows a drift too slow for the tolerance to catch in a short run.
     */
    record Row(Metric metric, double firstHalf, double secondHalf, double end, double tolerance, double trendPerMinute,
               boolean measured, boolean flat) {

        double changeFromFirst() {
            return end - firstHalf;
        }

        double changeFromSecond() {
            return end - secondHalf;
        }

        /** Above the tolerance of either baseline: what a leak looks like. */
        boolean grew() {
            return measured && (changeFromFirst() > metric.tolerance(firstHalf) || changeFromSecond() > metric.tolerance(secondHalf));
        }

        /** {@code flat ✓}, {@code grew ✗}, or {@code fell} (below a baseline: not flat, but not a leak either). */
        String status() {
            if (!measured) {
                return "not measured";
            }
            return flat ? "flat ✓" : grew() ? "**grew ✗**" : "fell";
        }
    }

    private SoakVerdict() {
    }

    /**
     * Judges every metric on the samples taken under load: baselines are the first {@link #WINDOW}
     * samples of each half at or after {@code warmupSeconds}; the end is the last {@link #WINDOW} of the
     * second half.
     */
    static List<Row> judge(List<SoakSample> samples, double warmupSeconds) {
        List<SoakSample> first = afterWarmup(samples, 1, warmupSeconds);
        List<SoakSample> second = afterWarmup(samples, 2, warmupSeconds);
        List<SoakSample> end = second.subList(Math.max(0, second.size() - WINDOW), second.size());
        List<Row> rows = new ArrayList<>();
        for (Metric metric : METRICS) {
            double a = median(first.subList(0, Math.min(WINDOW, first.size())), metric);
            double b = median(second.subList(0, Math.min(WINDOW, second.size())), metric);
            double e = median(end, metric);
            boolean measured = !Double.isNaN(a) && !Double.isNaN(b) && !Double.isNaN(e);
            double tolerance = measured ? metric.tolerance(a) : Double.NaN;
            boolean flat = measured && Math.abs(e - a) <= metric.tolerance(a) && Math.abs(e - b) <= metric.tolerance(b);
            rows.add(new Row(metric, a, b, e, tolerance, slopePerMinute(second, metric), measured, flat));
        }
        return rows;
    }

    /** The names of the metrics that grew beyond their tolerance. */
    static List<String> grown(List<Row> rows) {
        return rows.stream().filter(Row::grew).map(row -> row.metric().name()).toList();
    }

    /** Every measured metric flat (and at least one measured). */
    static boolean allFlat(List<Row> rows) {
        return rows.stream().anyMatch(Row::measured) && rows.stream().filter(Row::measured).allMatch(Row::flat);
    }

    private static List<SoakSample> afterWarmup(List<SoakSample> samples, int half, double warmupSeconds) {
        return samples.stream().filter(s -> s.half() == half && s.underLoad() && s.intoHalf() >= warmupSeconds).toList();
    }

    /** Median in the metric's unit; NaN when no sample has the value. */
    static double median(List<SoakSample> samples, Metric metric) {
        double[] values = samples.stream().mapToLong(metric.value()).filter(v -> v >= 0).mapToDouble(v -> v / metric.scale())
                .sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** Least-squares slope of the metric against time, per minute; NaN with fewer than two values. */
    static double slopePerMinute(List<SoakSample> samples, Metric metric) {
        List<SoakSample> measured = samples.stream().filter(s -> metric.value().applyAsLong(s) >= 0).toList();
        if (measured.size() < 2) {
            return Double.NaN;
        }
        double meanT = measured.stream().mapToDouble(SoakSample::elapsed).average().orElseThrow();
        double meanV = measured.stream().mapToDouble(s -> metric.value().applyAsLong(s) / metric.scale()).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (SoakSample s : measured) {
            double dt = s.elapsed() - meanT;
            covariance += dt * (metric.value().applyAsLong(s) / metric.scale() - meanV);
            variance += dt * dt;
        }
        return variance == 0 ? Double.NaN : covariance / variance * 60;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
