package procos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The figures of one run, as Markdown (printed, and written to target/benchmark-results.md). */
final class Report {

    static final double TARGET_VS_INPROCESS = 0.8;
    static final double TARGET_VS_CAMUNDA = 3.0;
    static final double TARGET_LATENCY_MS = 0.3;

    private final BenchOptions options;
    private final ZonedDateTime started;
    private final List<ThroughputRunner.CellResult> cells = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private LatencyBenchmark.Result latency;
    private Exception failure;

    Report(BenchOptions options, ZonedDateTime started) {
        this.options = options;
        this.started = started;
    }

    void cell(ThroughputRunner.CellResult cell) {
        cells.add(cell);
    }

    void latency(LatencyBenchmark.Result result) {
        this.latency = result;
    }

    void note(String note) {
        notes.add(note);
        System.out.println("NOTE: " + note);
    }

    void failure(Exception e) {
        this.failure = e;
    }

    String header() {
        return "# PDE dispatch benchmark\n\n" + run();
    }

    String markdown() {
        return header() + "\n" + results();
    }

    private String run() {
        return String.join("\n",
                "- when: " + started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "- command: `" + options.command() + "` (after `mvn -B -q install -DskipTests`)",
                "- commit: " + gitCommit(options.benchDir()),
                "- machine: " + machine(),
                "- JVM: " + jvm() + "; the server and the PDE node run on the same JDK",
                "- everything (server, PDE node, starters, Camunda clients, latency client and servers) shares this machine",
                "");
    }

    String results() {
        StringBuilder md = new StringBuilder();
        if (options.throughput()) {
            throughput(md);
        }
        if (latency != null) {
            latencySection(md);
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        if (failure != null) {
            md.append("\n**The run failed:** ").append(failure).append('\n');
        }
        return md.toString();
    }

    private void throughput(StringBuilder md) {
        md.append("## Throughput (process instances/s)\n\n");
        md.append(String.format(Locale.ROOT,
                "Process: start → one no-op service task → end, history level audit, H2 file database in %s. "
                        + "After each server start, %,d instances per system warm the server up; then each cell runs %,d warm-up instances (a twin process, not counted) and M = %,d measured instances. "
                        + "Elapsed = first start → the history's finished count of the measured process reaches M (polled every 25 ms, by definition id); "
                        + "instances/s = M / elapsed. The server is restarted for each N with its pools' max_concurrent_tasks = N (same database).%n%n",
                options.benchDir().getParent().relativize(options.serverOutputDir()), options.serverWarmup(), options.warmup(), options.instances()));
        md.append("- (a) ").append(BenchSystem.IN_PROCESS.description).append("; N threads each start instances, the task runs inside the start call\n");
        md.append("- (b) ").append(BenchSystem.NODE.description).append("; N = the pool's max_concurrent_tasks\n");
        md.append("- (b') ").append(BenchSystem.LOCAL.description).append("; N = the pool's max_concurrent_tasks\n");
        md.append("- (c) ").append(BenchSystem.CAMUNDA_CLIENT.description)
                .append(String.format(Locale.ROOT, ", asyncResponseTimeout %d ms, backoff off; N = number of clients%n", options.asyncResponseTimeoutMs()));
        md.append(String.format(Locale.ROOT, "- (b), (b'), (c): instances are started by %d starter threads over REST; "
                + "the table below shows when the last start returned, to show the starters were not the bottleneck%n%n", options.starters()));

        md.append("| N | (a) in-process | (b) ProcOS→PDE node | (b') ProcOS local | (c) Camunda client | (b)/(a) (target ≥ 0.8) | (b)/(c) (target ≥ 3) | (b')/(a) | (b')/(c) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int level : options.levels()) {
            Optional<ThroughputRunner.CellResult> a = find(BenchSystem.IN_PROCESS, level);
            Optional<ThroughputRunner.CellResult> b = find(BenchSystem.NODE, level);
            Optional<ThroughputRunner.CellResult> bp = find(BenchSystem.LOCAL, level);
            Optional<ThroughputRunner.CellResult> c = find(BenchSystem.CAMUNDA_CLIENT, level);
            md.append("| ").append(level)
                    .append(" | ").append(rate(a)).append(" | ").append(rate(b)).append(" | ").append(rate(bp)).append(" | ").append(rate(c))
                    .append(" | ").append(ratio(b, a, TARGET_VS_INPROCESS)).append(" | ").append(ratio(b, c, TARGET_VS_CAMUNDA))
                    .append(" | ").append(ratio(bp, a, Double.NaN)).append(" | ").append(ratio(bp, c, Double.NaN)).append(" |\n");
        }
        md.append("\nTargets (from the issue): (b) ≥ 0.8 × (a) and (b) ≥ 3 × (c). ✓ met, ✗ missed.\n\n");

        md.append("### Cells\n\n| system | N | elapsed s | instances/s | last start returned at s | starter threads | CPU during the measured run | note |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|---|\n");
        for (ThroughputRunner.CellResult cell : cells) {
            md.append("| ").append(cell.system().label).append(" | ").append(cell.workers())
                    .append(" | ").append(number(cell.seconds(), 2)).append(" | ").append(number(cell.perSecond(), 0))
                    .append(" | ").append(number(cell.startSeconds(), 2)).append(" | ").append(cell.starterThreads())
                    .append(" | ").append(cell.load().describe()).append(" | ").append(cellNote(cell)).append(" |\n");
        }
    }

    private void latencySection(StringBuilder md) {
        md.append(String.format(Locale.ROOT, "%n## Latency of a no-op call (µs)%n%n"
                + "Sequential blocking unary calls over real Netty on loopback, client and servers in one JVM; "
                + "%,d warm-up then %,d measured calls of each kind, in alternating blocks of 1,000.%n%n",
                latency.warmup(), latency.calls()));
        md.append("| call | p50 µs | p99 µs | mean µs |\n|---|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| raw grpc-java `grpc.health.v1.Health/Check` | %.1f | %.1f | %.1f |%n",
                latency.raw().p50Micros(), latency.raw().p99Micros(), latency.raw().meanMicros()));
        md.append(String.format(Locale.ROOT, "| `PdeService.Execute` (PdeGrpcServer, dev mode, pipeline + builtin noop endpoint, task type `noop`, not cached) | %.1f | %.1f | %.1f |%n",
                latency.execute().p50Micros(), latency.execute().p99Micros(), latency.execute().meanMicros()));
        double diff = latency.p50DifferenceMs();
        md.append(String.format(Locale.ROOT, "%nExecute p50 − raw p50 = **%.3f ms** (target: within %.1f ms) %s; p99 difference %.3f ms.%n",
                diff, TARGET_LATENCY_MS, diff <= TARGET_LATENCY_MS ? "✓" : "✗",
                (latency.execute().p99Micros() - latency.raw().p99Micros()) / 1000.0));
    }

    static String cellLine(ThroughputRunner.CellResult cell) {
        if (!cell.ok() && Double.isNaN(cell.seconds())) {
            return "FAILED: " + cell.failure();
        }
        return String.format(Locale.ROOT, "%.0f/s (%.2f s; last start at %.2f s; %s)%s", cell.perSecond(), cell.seconds(),
                cell.startSeconds(), cell.load().describe(), cell.ok() ? "" : " " + cell.failure())
                + (cell.system() == BenchSystem.NODE && cell.ok() && !cell.ranOnNode()
                ? " — WARNING: the node ran only " + cell.nodeTasks() + " of " + cell.expectedNodeTasks() + " tasks" : "");
    }

    private String cellNote(ThroughputRunner.CellResult cell) {
        List<String> parts = new ArrayList<>();
        if (!cell.ok()) {
            parts.add(cell.failure());
        }
        if (cell.system() == BenchSystem.NODE && cell.ok()) {
            parts.add(cell.ranOnNode() ? "node ran " + cell.nodeTasks() + " tasks (all)"
                    : "**node ran only " + cell.nodeTasks() + " of " + cell.expectedNodeTasks() + " tasks: not a node figure**");
        }
        if (cell.refusedCompletions() > 0) {
            parts.add(cell.refusedCompletions() + " completions refused: the task had been locked by two clients at once "
                    + "(concurrent fetch-and-lock on H2) and was run twice");
        }
        if (cell.ok() && cell.system() != BenchSystem.IN_PROCESS && cell.startSeconds() >= 0.95 * cell.seconds()) {
            parts.add("starts ended with the run: starters may have bounded it");
        }
        return String.join("; ", parts);
    }

    private Optional<ThroughputRunner.CellResult> find(BenchSystem system, int level) {
        return cells.stream().filter(cell -> cell.system() == system && cell.workers() == level).findFirst();
    }

    private static boolean usable(Optional<ThroughputRunner.CellResult> cell) {
        return cell.isPresent() && cell.get().ok() && !Double.isNaN(cell.get().perSecond())
                && (cell.get().system() != BenchSystem.NODE || cell.get().ranOnNode());
    }

    private static String rate(Optional<ThroughputRunner.CellResult> cell) {
        if (cell.isEmpty()) {
            return "–";
        }
        if (!cell.get().ok()) {
            return Double.isNaN(cell.get().perSecond()) ? "failed" : "≥ " + number(cell.get().perSecond(), 0) + " (timed out)";
        }
        if (cell.get().system() == BenchSystem.NODE && !cell.get().ranOnNode()) {
            return number(cell.get().perSecond(), 0) + " (not on node!)";
        }
        return number(cell.get().perSecond(), 0);
    }

    private static String ratio(Optional<ThroughputRunner.CellResult> x, Optional<ThroughputRunner.CellResult> y, double target) {
        if (!usable(x) || !usable(y)) {
            return "–";
        }
        double ratio = x.get().perSecond() / y.get().perSecond();
        String text = String.format(Locale.ROOT, "%.2f", ratio);
        return Double.isNaN(target) ? text : text + (ratio >= target ? " ✓" : " ✗");
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) || value < 0 ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** CPU, cores, memory and OS of this machine, for a results header. */
    static String machine() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory()
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    /** The JVM running the bench (the server runs on the same JDK). */
    static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    /** The commit checked out in {@code dir}, marked when tracked files have local changes. */
    static String gitCommit(Path dir) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            boolean modified = !new String(dirty.getInputStream().readAllBytes()).isBlank();
            git.waitFor(5, TimeUnit.SECONDS);
            dirty.waitFor(5, TimeUnit.SECONDS);
            return git.exitValue() == 0 ? out + (modified ? " (with local changes)" : "") : "unknown";
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> String.format(Locale.ROOT, "%.0f GiB RAM",
                            Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("RAM unknown");
        } catch (IOException | RuntimeException e) {
            return "RAM unknown";
        }
    }
}
