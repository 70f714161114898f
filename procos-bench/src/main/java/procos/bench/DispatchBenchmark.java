package procos.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import procos.pde.pool.PdeManagerConfigLoader;

/**
 * PDE dispatch benchmark: a program, not a test (nothing runs it during the build).
 *
 * <p>Part 1, throughput: the packaged ProcOS server (built by {@code mvn install}) is started with its
 * own output directory, H2 database and ports; a no-op service task process is run M times per cell
 * for four systems — (a) in-process expression task, (b) ProcOS dispatch to a standalone PDE node over
 * gRPC, (b') ProcOS dispatch to the server's in-process pipeline, (c) Camunda's external task client
 * over REST with long polling — at worker capacities N (1, 2, 8). The server is restarted for each N
 * (its pools' {@code max_concurrent_tasks} is N), on the same database.
 *
 * <p>Part 2, latency: a no-op {@code PdeService.Execute} against a raw grpc-java unary call, in this
 * JVM, no server needed ({@code --only latency}).
 *
 * <p>Prints the figures as Markdown tables and writes them to {@code procos-bench/target/benchmark-results.md}.
 */
public final class DispatchBenchmark {

    private static final Deque<AutoCloseable> RESOURCES = new ArrayDeque<>();

    private DispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parseOrExit(BenchOptions::parse, args, BenchOptions.USAGE);
        Files.createDirectories(options.targetDir());
        // The pipeline of the latency part logs each task like a PDE node does: to a file, not stdout.
        Path latencyLog = options.targetDir().resolve("bench-latency/pde.jsonl");
        Files.createDirectories(latencyLog.getParent());
        Files.deleteIfExists(latencyLog);
        System.setProperty("procos.log.file", latencyLog.toString());
        // The Camunda clients of (c) log their errors to a file rather than between the figures.
        System.setProperty("org.slf4j.simpleLogger.logFile",
                System.getProperty("org.slf4j.simpleLogger.logFile", options.targetDir().resolve("camunda-clients.log").toString()));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));

        Thread hook = new Thread(DispatchBenchmark::closeAll, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Report report = new Report(options, ZonedDateTime.now());
        System.out.println(report.header());
        try {
            if (options.throughput()) {
                runThroughput(options, report);
            }
            if (options.latency()) {
                System.out.printf("%nLatency: %,d warm-up + %,d measured sequential calls of each kind…%n",
                        options.latencyWarmup(), options.latencyCalls());
                report.latency(LatencyBenchmark.run(options.latencyWarmup(), options.latencyCalls()));
            }
        } catch (Exception e) {
            report.failure(e);
            throw e;
        } finally {
            closeAll();
            String markdown = report.markdown();
            Path results = options.targetDir().resolve("benchmark-results.md");
            Files.writeString(results, markdown);
            System.out.println();
            System.out.println(report.results());
            System.out.println("Written to " + results);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already running
        }
    }

    private static void runThroughput(BenchOptions options, Report report) throws Exception {
        BenchServer server = new BenchServer(options.wlpHome(), options.serverOutputDir());
        server.requireInstalled();
        server.stopLeftover();
        if (!options.keepDatabase()) {
            deleteTree(options.serverOutputDir());
        }
        Files.createDirectories(options.serverOutputDir());
        Path configDir = options.targetDir().resolve("bench-config");
        Files.createDirectories(configDir);
        Path serverYaml = copyResource("server-pde.yaml", configDir);
        Path nodeYaml = copyResource("node-pde.yaml", configDir);

        PdeNodeProcess node = null;
        if (options.systems().contains(BenchSystem.NODE)) {
            if (Files.isRegularFile(options.nodeJar())) {
                List<String> nodeJvmArgs = options.jfr() ? jfrArgs(options.targetDir().resolve("jfr/node.jfr")) : List.of();
                node = register(new PdeNodeProcess(options.nodeJar(), nodeYaml, BenchOptions.NODE_PORT,
                        options.targetDir().resolve("bench-node"), nodeJvmArgs));
                System.out.println("Starting the standalone PDE node " + options.nodeJar().getFileName() + " …");
                node.start(Duration.ofSeconds(90));
            } else {
                report.note("(b) not measured: no PDE node jar at " + options.nodeJar()
                        + " (the standalone node is built by procos-pde-grpc).");
            }
        }
        // Fail fast, in this JVM, on a configuration the server would refuse.
        for (int level : options.levels()) {
            PdeManagerConfigLoader.load(serverYaml, benchEnvironment(level, BenchOptions.NODE_PORT)::get);
        }
        PdeManagerConfigLoader.load(nodeYaml, System::getenv);

        EngineRest rest = new EngineRest(server.baseUrl() + "/procos/engine-rest", BenchServer.ADMIN);
        register(server);
        for (int level : options.levels()) {
            System.out.printf("%nLevel N=%d: starting the server (pools' max_concurrent_tasks=%d) …%n", level, level);
            benchEnvironment(level, BenchOptions.NODE_PORT).forEach(server::with);
            server.with("PROCOS_PDE_CONFIG", serverYaml.toString());
            String jvmArgs = options.serverJvmArgs();
            if (options.jfr()) {
                Path jfr = options.targetDir().resolve("jfr/server-n" + level + ".jfr");
                jvmArgs = (jvmArgs + " " + String.join(" ", jfrArgs(jfr))).strip();
            }
            if (jvmArgs.isBlank()) {
                server.without("JVM_ARGS");
            } else {
                server.with("JVM_ARGS", jvmArgs);
            }
            server.start(Duration.ofMinutes(5));
            try {
                rest.deploy("procos-bench", BenchProcesses.all());
                Map<String, Long> pids = new LinkedHashMap<>();
                server.pid().ifPresent(pid -> pids.put("server", pid));
                if (node != null) {
                    pids.put("node", node.pid());
                }
                pids.put("bench", ProcessHandle.current().pid());
                ThroughputRunner runner = new ThroughputRunner(rest, options, pids);
                CpuMeter.Reading idle = CpuMeter.sample(pids, 2000);
                System.out.println("  before load: " + idle.describe());
                if (idle.otherCores() > 0.25) {
                    report.note(String.format(java.util.Locale.ROOT, "N=%d: other processes kept %.2f cores busy "
                            + "before the level started; the figures of this level are lower than on an idle machine.",
                            level, idle.otherCores()));
                }
                if (options.serverWarmup() > 0) {
                    System.out.printf("  server warm-up: %d instances per system …%n", options.serverWarmup());
                    for (BenchSystem system : options.systems()) {
                        if (system != BenchSystem.NODE || node != null) {
                            runner.warmServer(system, level, options.serverWarmup());
                        }
                    }
                }
                for (BenchSystem system : options.systems()) {
                    ThroughputRunner.CellResult cell;
                    if (system == BenchSystem.NODE && node == null) {
                        cell = ThroughputRunner.CellResult.failed(system, level, "no PDE node");
                    } else {
                        System.out.printf("  %-22s N=%d: %d warm-up + %d measured instances … ", system.label, level,
                                options.warmup(), options.instances());
                        PdeNodeProcess counted = node;
                        try {
                            cell = runner.run(system, level, counted == null ? () -> -1 : counted::tasksFinished);
                        } catch (IOException e) {
                            cell = ThroughputRunner.CellResult.failed(system, level, String.valueOf(e.getMessage()));
                        }
                        System.out.println(Report.cellLine(cell));
                    }
                    report.cell(cell);
                }
            } finally {
                server.stop();
            }
        }
    }

    /** A JFR profile of the whole run of a JVM, dumped to {@code file} when it exits. */
    private static List<String> jfrArgs(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        // Liberty, Camunda and gRPC stacks run deeper than JFR's default 64 frames.
        return List.of("-XX:FlightRecorderOptions=stackdepth=512",
                "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true");
    }

    /** The variables the bench YAML reads, for level N. */
    private static Map<String, String> benchEnvironment(int level, int nodePort) {
        return Map.of("BENCH_WORKERS", String.valueOf(level), "BENCH_NODE_ADDRESS", "127.0.0.1:" + nodePort);
    }

    private static Path copyResource(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = DispatchBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from the bench jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Deletes {@code dir} and everything under it; nothing if it does not exist. Also used by {@link IngestBenchmark}. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static synchronized <T extends AutoCloseable> T register(T resource) {
        RESOURCES.push(resource);
        return resource;
    }

    /** Stops the server and the node (newest first); safe to call twice, from the shutdown hook too. */
    private static void closeAll() {
        List<AutoCloseable> toClose;
        synchronized (DispatchBenchmark.class) {
            toClose = List.copyOf(RESOURCES);
            RESOURCES.clear();
        }
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
