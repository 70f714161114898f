package procos.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The soak's figures as Markdown: the samples, the verdict, the counts. */
final class SoakReport {

    private static final double MIB = 1024.0 * 1024;

    private SoakReport() {
    }

    /** One sample as a progress line. */
    static String line(SoakSample s) {
        return String.format(Locale.ROOT, "%-9s t=%5.0f s  acked %,7d  finished %,7d  open %4d  live heap %s MiB (used %s)  threads %s/%s  fds %s  pool %s+%s%s",
                s.label(), s.elapsed(), s.acknowledged(), s.finished(), s.open(), mib(s.liveHeap()), mib(s.heapUsed()), count(s.jvmThreads()),
                count(s.osThreads()), count(s.openFiles()), count(s.poolInUse()), count(s.poolIdle()),
                s.dbSessions() < 0 ? "" : "  db sessions " + s.dbSessions());
    }

    static String markdown(List<SoakSample> samples, List<SoakVerdict.Row> verdict, boolean postgres, List<String> heapGrowth,
                           List<String> loopback, List<String> halves, String restart, String completion, boolean complete,
                           Exception failure) {
        StringBuilder md = new StringBuilder("## Samples\n\n");
        md.append("Live heap: the total of `jcmd <pid> GC.class_histogram` (a full GC, then the live objects); heap used: "
                + "`memory_usedHeap_bytes` read right after it (the live heap plus what the server allocated in between); "
                + "Java threads: `thread_count`; pool: the engine's `engine_db_connections_active` + `_idle` (all three from the "
                + "server's `/metrics`); process threads, open files and RSS: `/proc/<pid>`");
        md.append(postgres ? "; database sessions: `pg_stat_activity` rows of the soak's database, sessions opened: "
                + "`pg_stat_database.sessions` (every connection PostgreSQL accepted since the database was created).\n\n"
                : ". On the embedded H2 database the engine's pool is the only way in (no server process, no "
                + "sockets), so the pool's counts are the connections; H2 offers no outside view of its sessions.\n\n");
        md.append("| sample | t s | half | s into half | starts acked | starts/s | finished | open | live heap MiB | heap used MiB "
                + "| Java threads | process threads | open fds | pool in use | pool idle | db sessions | db sessions opened | RSS MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        SoakSample previous = null;
        for (SoakSample s : samples) {
            // Starts per second between two samples of the same half's load; not across the restart or the drain.
            boolean sameLoad = previous != null && previous.underLoad() && s.underLoad() && previous.half() == s.half();
            String rate = !sameLoad ? "–"
                    : String.format(Locale.ROOT, "%.1f", (s.acknowledged() - previous.acknowledged()) / (s.elapsed() - previous.elapsed()));
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %.0f | %,d | %s | %,d | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    s.label(), s.elapsed(), s.half(), s.intoHalf(), s.acknowledged(), rate, s.finished(), s.open(),
                    mib(s.liveHeap()), mib(s.heapUsed()), count(s.jvmThreads()), count(s.osThreads()), count(s.openFiles()), count(s.poolInUse()),
                    count(s.poolIdle()), count(s.dbSessions()), count(s.dbSessionsOpened()), mib(s.rss())));
            previous = s;
        }

        md.append("\n## Verdict\n\n");
        md.append("Medians of the first ").append(SoakVerdict.WINDOW).append(" samples under load after the warm-up of each half, "
                + "against the median of the last ").append(SoakVerdict.WINDOW).append(" of the second half. Flat: the end is "
                + "within the tolerance of both baselines. The trend (least squares over the second half after its warm-up) is "
                + "shown, not judged.\n\n");
        md.append("| resource | tolerance | half 1 | half 2 | end | end − half 1 | end − half 2 | | trend in half 2, per minute |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|---:|\n");
        for (SoakVerdict.Row row : verdict) {
            if (!row.measured()) {
                md.append("| ").append(row.metric().name()).append(" | | | | | | | not measured | |\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %+.1f | %+.1f | %s | %+.2f |%n", row.metric().name(),
                    row.metric().describeTolerance(), row.firstHalf(), row.secondHalf(), row.end(), row.changeFromFirst(),
                    row.changeFromSecond(), row.status(), row.trendPerMinute()));
        }
        List<String> grown = SoakVerdict.grown(verdict);
        md.append("\n**").append(SoakVerdict.allFlat(verdict) ? "Flat" : "Not flat").append("**: ")
                .append(grown.isEmpty() ? "nothing grew beyond its tolerance" : "grew: " + String.join(", ", grown)).append(".\n");

        if (!heapGrowth.isEmpty()) {
            md.append("\nWhere the live heap grew within each JVM (class histograms):\n\n");
            heapGrowth.forEach(line -> md.append("- ").append(line).append('\n'));
        }

        md.append("\n## Counts\n\n");
        halves.forEach(half -> md.append("- ").append(half).append('\n'));
        restingConnections(samples).ifPresent(line -> md.append("- ").append(line).append('\n'));
        if (!restart.isEmpty()) {
            md.append("- restart: ").append(restart).append('\n');
        }
        if (!completion.isEmpty()) {
            md.append("- ").append(complete ? "every acknowledged start finished: " : "**NOT every acknowledged start finished:** ")
                    .append(completion).append('\n');
        }
        loopback.forEach(line -> md.append("- listening ").append(line).append('\n'));
        if (failure != null) {
            md.append("\n**The run failed:** ").append(failure).append('\n');
        }
        return md.toString();
    }

    /**
     * The connections once every instance has ended (the last sample without load): a connection taken
     * from the pool and never given back would still count as in use, and on PostgreSQL a session
     * the pool no longer knows would show as one more session than the pool holds.
     */
    static Optional<String> restingConnections(List<SoakSample> samples) {
        Optional<SoakSample> rest = samples.stream().filter(s -> !s.underLoad()).reduce((first, second) -> second);
        if (rest.isEmpty() || rest.get().poolInUse() < 0) {
            return Optional.empty();
        }
        SoakSample s = rest.get();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "at rest (%s): %d pooled connections in use, %d idle", s.label(), s.poolInUse(), s.poolIdle()));
        if (s.dbSessions() >= 0) {
            line.append(String.format(Locale.ROOT, "; %d sessions on the database (%s the pool's %d)", s.dbSessions(),
                    s.dbSessions() == s.poolOpen() ? "=" : "≠", s.poolOpen()));
        }
        line.append(s.poolInUse() == 0 && (s.dbSessions() < 0 || s.dbSessions() == s.poolOpen())
                ? ": nothing held" : ": **connections held at rest**");
        if (s.dbSessionsOpened() >= 0 && s.acknowledged() > 0) {
            line.append(String.format(Locale.ROOT, "; %,d sessions opened on the database in the whole run, one per %.1f instances",
                    s.dbSessionsOpened(), s.acknowledged() / (double) s.dbSessionsOpened()));
        }
        return Optional.of(line.toString());
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "–" : String.format(Locale.ROOT, "%.1f", bytes / MIB);
    }

    private static String count(long value) {
        return value < 0 ? "–" : String.valueOf(value);
    }
}
