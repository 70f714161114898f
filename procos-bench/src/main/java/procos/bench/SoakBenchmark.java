package procos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * Soak run: a program, not a test. The packaged server (loopback only, its own output directory and
 * ports) runs one process — start → external task on topic {@code echo}, worked by the server's own
 * PDEs (the default PDE configuration's catch-all pool) → end — under sustained starts over REST for
 * the first half of the run, is stopped gracefully and started again on the same database, and runs
 * the same load for the second half. Every few seconds it samples the server's heap after a full GC,
 * threads, open files and database connections; at the end it waits until every instance has ended,
 * checks every acknowledged start finished (history), and judges each resource flat or not
 * ({@link SoakVerdict}).
 *
 * <p>Prints the figures as Markdown and writes them to {@code procos-bench/target/soak-results.md}.
 */
public final class SoakBenchmark {

    static final String PROCESS_KEY = "soak_echo";
    /** Served by the default PDE configuration's catch-all pool (builtin endpoint). */
    static final String TOPIC = "echo";
    private static final int PAGE = 1000;

    private final SoakOptions options;
    private final BenchServer server;
    private final SoakDatabase database;
    private final ServerProbe probe;
    private final List<SoakSample> samples = new ArrayList<>();
    /** The live objects by class at each sample, in the order of {@link #samples}. */
    private final List<HeapHistogram> histograms = new ArrayList<>();
    private final List<String> loopback = new ArrayList<>();
    private final List<String> halves = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> acknowledged = SoakLoad.newAcknowledgedSet();
    private final long origin = System.nanoTime();
    private EngineRest rest;
    private String restart = "";
    private String completion = "";
    private boolean complete;

    private SoakBenchmark(SoakOptions options, BenchServer server, SoakDatabase database) {
        this.options = options;
        this.server = server;
        this.database = database;
        this.probe = new ServerProbe(server);
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options = BenchOptions.parseOrExit(SoakOptions::parse, args, SoakOptions.USAGE);
        Files.createDirectories(options.targetDir());
        BenchServer server = new BenchServer(options.wlpHome(), options.serverOutputDir());
        server.requireInstalled();
        server.stopLeftover();
        DispatchBenchmark.deleteTree(options.serverOutputDir());
        Files.createDirectories(options.serverOutputDir());
        SoakDatabase database = options.database().isPresent()
                ? SoakDatabase.create(options.database().get(), options.keepDatabase()) : null;
        if (database != null) {
            server.with("PROCOS_DB_URL", database.url()).with("PROCOS_DB_USER", database.user())
                    .with("PROCOS_DB_PASSWORD", database.password());
        }
        Thread hook = new Thread(() -> cleanUp(server, database), "soak-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        SoakBenchmark soak = new SoakBenchmark(options, server, database);
        String header = soak.header(ZonedDateTime.now());
        System.out.println(header);
        Exception failure = null;
        try {
            soak.run();
        } catch (Exception e) {
            failure = e;
        } finally {
            cleanUp(server, database);
        }
        String markdown = header + "\n" + soak.results(failure);
        Path results = options.targetDir().resolve("soak-results.md");
        Files.writeString(results, markdown);
        System.out.println();
        System.out.println(soak.results(failure));
        System.out.println("Written to " + results);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already running
        }
        if (failure != null) {
            throw failure;
        }
        if (!soak.complete) {
            System.exit(1);
        }
    }

    private void run() throws Exception {
        System.out.println("Starting the server …");
        server.start(Duration.ofMinutes(5));
        requireLoopback("first start");
        rest = new EngineRest(server.baseUrl() + "/procos/engine-rest", BenchServer.ADMIN);
        rest.deploy("procos-soak", Map.of(PROCESS_KEY + ".bpmn", Bpmn.convertToString(process())));
        sample("booted", 1, System.nanoTime(), false);

        half(1);

        long openAtStop = rest.runningCount(PROCESS_KEY);
        System.out.printf("Restart: graceful stop with %d instances open …%n", openAtStop);
        long stopping = System.nanoTime();
        server.stop();
        double stopSeconds = (System.nanoTime() - stopping) / 1e9;
        double readySeconds = server.start(Duration.ofMinutes(5));
        requireLoopback("restart");
        // A fresh client: the old one's kept-alive connections went with the stopped JVM.
        rest = new EngineRest(server.baseUrl() + "/procos/engine-rest", BenchServer.ADMIN);
        restart = String.format(Locale.ROOT, "%d instances open when the stop began; `server stop` took %.1f s, "
                + "`server start` to ready %.1f s", openAtStop, stopSeconds, readySeconds);
        sample("restarted", 2, System.nanoTime(), false);

        half(2);

        drainAndCheck();
    }

    /** Load for half the run, sampled every {@code --sample-every} seconds. */
    private void half(int half) throws IOException, InterruptedException {
        System.out.printf("Half %d: %s for %d s from %d threads …%n", half, rateText(), options.half().toSeconds(), options.threads());
        long acknowledgedBefore = acknowledged.size();
        SoakLoad load = new SoakLoad(rest, PROCESS_KEY, sequence, acknowledged);
        long start = System.nanoTime();
        long end = start + options.half().toNanos();
        load.begin(options.threads(), options.rate());
        try {
            for (long at = start + options.sampleEvery().toNanos(); at <= end; at += options.sampleEvery().toNanos()) {
                sleepUntil(at);
                sample("load", half, start, true);
            }
            sleepUntil(end);
        } finally {
            load.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long acknowledgedHere = acknowledged.size() - acknowledgedBefore;
        halves.add(String.format(Locale.ROOT, "half %d: %,d starts acknowledged in %.0f s (%.1f/s), %d failed%s", half,
                acknowledgedHere, seconds, acknowledgedHere / seconds, load.failed(),
                load.failed() == 0 ? "" : " (last: " + load.lastFailure() + ")"));
        System.out.println("  " + halves.get(halves.size() - 1));
    }

    /** Waits until no soak instance runs, then compares the acknowledged starts with the finished instances in history. */
    private void drainAndCheck() throws IOException, InterruptedException {
        long draining = System.nanoTime();
        long deadline = draining + options.drainTimeout().toNanos();
        long open = rest.runningCount(PROCESS_KEY);
        while (open > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            open = rest.runningCount(PROCESS_KEY);
        }
        double drainSeconds = (System.nanoTime() - draining) / 1e9;
        sample("drained", 2, System.nanoTime(), false);

        String definition = URLEncoder.encode(rest.definitionId(PROCESS_KEY), StandardCharsets.UTF_8);
        Set<String> finished = new HashSet<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode page = rest.get("/history/process-instance?processDefinitionId=" + definition
                    + "&finished=true&sortBy=instanceId&sortOrder=asc&firstResult=" + first + "&maxResults=" + PAGE);
            page.forEach(instance -> finished.add(instance.path("id").asText()));
            if (page.size() < PAGE) {
                break;
            }
        }
        long unfinished = rest.get("/history/process-instance/count?unfinished=true&processDefinitionId=" + definition)
                .path("count").asLong();
        long incidents = rest.get("/incident/count?processDefinitionId=" + definition).path("count").asLong();
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(finished);
        Set<String> unacknowledged = new HashSet<>(finished);
        unacknowledged.removeAll(acknowledged);
        complete = missing.isEmpty() && unfinished == 0;
        completion = String.format(Locale.ROOT, "%,d starts acknowledged, %,d instances finished in history; "
                        + "acknowledged but not finished: %d%s; finished without an acknowledged start: %d; "
                        + "unfinished in history: %d; incidents: %d; %.0f s from the end of the load until no instance was open",
                acknowledged.size(), finished.size(), missing.size(),
                missing.isEmpty() ? "" : " (e.g. " + missing.iterator().next() + ")", unacknowledged.size(), unfinished,
                incidents, drainSeconds);
        System.out.println((complete ? "COMPLETE: " : "INCOMPLETE: ") + completion);
    }

    private void sample(String label, int half, long halfStart, boolean underLoad) throws IOException, InterruptedException {
        long now = System.nanoTime();
        ServerProbe.Resources resources = probe.read();
        SoakSample sample = new SoakSample(label, half, (now - origin) / 1e9, (now - halfStart) / 1e9, underLoad,
                acknowledged.size(), rest.finishedCount(PROCESS_KEY), rest.runningCount(PROCESS_KEY),
                resources.histogram().totalBytes(), resources.heapUsed(), resources.jvmThreads(), resources.osThreads(), resources.openFiles(),
                resources.poolInUse(), resources.poolIdle(), database == null ? -1 : database.sessions(),
                database == null ? -1 : database.sessionsOpened(), resources.rss());
        samples.add(sample);
        histograms.add(resources.histogram());
        System.out.println("  " + SoakReport.line(sample));
    }

    /** The server's HTTP and HTTPS ports must listen on loopback only; the gRPC port's addresses are reported. */
    private void requireLoopback(String when) throws IOException {
        List<InetAddress> http = ListeningSockets.on(BenchOptions.HTTP_PORT);
        List<InetAddress> https = ListeningSockets.on(BenchOptions.HTTPS_PORT);
        List<InetAddress> grpc = ListeningSockets.on(BenchOptions.GRPC_PORT);
        String found = String.format(Locale.ROOT, "after the %s: HTTP %d on %s, HTTPS %d on %s, gRPC %d on %s", when,
                BenchOptions.HTTP_PORT, addresses(http), BenchOptions.HTTPS_PORT, addresses(https), BenchOptions.GRPC_PORT,
                addresses(grpc));
        loopback.add(found);
        System.out.println("  " + found);
        if (!ListeningSockets.loopbackOnly(http) || !ListeningSockets.loopbackOnly(https)) {
            throw new IllegalStateException("the server is not bound to loopback only: " + found);
        }
    }

    private static String addresses(List<InetAddress> addresses) {
        return addresses.isEmpty() ? "(nothing)" : String.join(", ", addresses.stream().map(InetAddress::getHostAddress).toList());
    }

    static org.camunda.bpm.model.bpmn.BpmnModelInstance process() {
        return Bpmn.createExecutableProcess(PROCESS_KEY)
                .name("Soak: one external task for the server's PDEs")
                .camundaHistoryTimeToLive(1)
                .startEvent("start")
                .serviceTask("echo").name("echo").camundaType("external").camundaTopic(TOPIC)
                .endEvent("end")
                .done();
    }

    private String header(ZonedDateTime started) {
        return String.join("\n",
                "# Soak run",
                "",
                "- when: " + started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "- command: `" + BenchOptions.command(SoakBenchmark.class, options.rawArgs()) + "`",
                "- commit: " + Report.gitCommit(options.benchDir()),
                "- machine: " + Report.machine(),
                "- JVM: " + Report.jvm() + "; the server runs on the same JDK, everything shares this machine",
                "- database: " + (database == null ? "embedded H2 file in " + options.benchDir().getParent().relativize(options.serverOutputDir())
                        : "PostgreSQL, fresh database " + database.name() + " (" + database.url() + ")"),
                String.format(Locale.ROOT, "- load: %s from %d threads over REST, %d s per half, graceful restart between the halves",
                        rateText(), options.threads(), options.half().toSeconds()),
                String.format(Locale.ROOT, "- samples every %d s; baselines after %d s of each half; %d samples per median",
                        options.sampleEvery().toSeconds(), options.warmup().toSeconds(), SoakVerdict.WINDOW),
                "");
    }

    private String rateText() {
        return options.rate() > 0 ? String.format(Locale.ROOT, "%.0f starts/s", options.rate()) : "starts as fast as the server answers";
    }

    private String results(Exception failure) {
        return SoakReport.markdown(samples, SoakVerdict.judge(samples, options.warmup().toSeconds()), database != null,
                heapGrowth(), loopback, halves, restart, completion, complete, failure);
    }

    /** Per half, the classes whose live bytes grew most from its first sample after the warm-up to its last under load. */
    private List<String> heapGrowth() {
        List<String> lines = new ArrayList<>();
        for (int half = 1; half <= 2; half++) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < samples.size(); i++) {
                SoakSample sample = samples.get(i);
                if (sample.half() == half && sample.underLoad() && histograms.get(i).totalBytes() >= 0) {
                    if (first < 0 && sample.intoHalf() >= options.warmup().toSeconds()) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first >= 0 && last > first) {
                HeapHistogram before = histograms.get(first);
                HeapHistogram after = histograms.get(last);
                lines.add(String.format(Locale.ROOT, "half %d, %.0f s → %.0f s: live heap %+.1f MiB; most grown: %s", half,
                        samples.get(first).elapsed(), samples.get(last).elapsed(),
                        (after.totalBytes() - before.totalBytes()) / 1048576.0,
                        String.join(", ", after.largestGrowthSince(before, 5).stream().map(HeapHistogram.Change::describe).toList())));
            }
        }
        return lines;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static synchronized void cleanUp(BenchServer server, SoakDatabase database) {
        server.close();
        if (database != null) {
            try {
                database.close();
            } catch (SQLException e) {
                System.err.println("could not drop the soak database " + database.name() + ": " + e.getMessage());
            }
        }
    }
}
