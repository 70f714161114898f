package procos.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Command-line options of {@link DispatchBenchmark}. Every value has a default that reproduces the
 * documented run; {@code --quick} shrinks the counts for a smoke run of the whole program.
 */
record BenchOptions(
        int instances,
        int warmup,
        int serverWarmup,
        List<Integer> levels,
        Set<BenchSystem> systems,
        int starters,
        boolean throughput,
        boolean latency,
        int latencyWarmup,
        int latencyCalls,
        long asyncResponseTimeoutMs,
        Duration cellTimeout,
        String serverJvmArgs,
        boolean jfr,
        boolean keepDatabase,
        boolean quick,
        List<String> rawArgs,
        Path benchDir,
        Path wlpHome,
        Path nodeJar) {

    static final int HTTP_PORT = 9580;
    static final int HTTPS_PORT = 9943;
    static final int GRPC_PORT = 50551;
    static final int NODE_PORT = 50561;

    static final String USAGE = """
            DispatchBenchmark: PDE dispatch throughput on the packaged ProcOS server, and PDE Execute latency.

              --instances M          measured instances per cell (default 2000; --quick 300)
              --warmup W             warm-up instances per cell, not counted (default 200; --quick 60)
              --server-warmup K      after each server start, K instances per system before any cell (default 2000; --quick 100)
              --levels 1,2,8         worker capacities N to measure
              --systems a,b,bp,c     which columns to measure (bp = b')
              --starters S           starter threads for (b), (b'), (c) (default 8)
              --only throughput|latency
              --latency-warmup K     warm-up calls per call kind (default 5000; --quick 1000)
              --latency-calls K      measured calls per call kind (default 20000; --quick 4000)
              --async-response-timeout MS   long-polling timeout of the Camunda clients (default 10000)
              --cell-timeout SECONDS longest a measured cell may take (default 600)
              --server-jvm-args "…"  extra JVM options for the server (Liberty's JVM_ARGS)
              --jfr                  record a JFR profile of the server per level (target/jfr/)
              --keep-db              keep the server's database from an earlier run (default: start empty)
              --quick                small counts, for checking the program end to end
            """;

    static BenchOptions parse(String[] argv) {
        List<String> args = new ArrayList<>();
        for (String arg : argv) {
            // exec:java passes -Dexec.args split on spaces already; tolerate blank leftovers.
            if (!arg.isBlank()) {
                args.add(arg.strip());
            }
        }
        boolean quick = args.contains("--quick");
        int instances = quick ? 300 : 2000;
        int warmup = quick ? 60 : 200;
        int serverWarmup = quick ? 100 : 2000;
        List<Integer> levels = List.of(1, 2, 8);
        Set<BenchSystem> systems = new LinkedHashSet<>(List.of(BenchSystem.values()));
        int starters = 8;
        boolean throughput = true;
        boolean latency = true;
        int latencyWarmup = quick ? 1000 : 5000;
        int latencyCalls = quick ? 4000 : 20000;
        long asyncTimeout = 10_000;
        Duration cellTimeout = Duration.ofSeconds(600);
        String serverJvmArgs = "";
        boolean jfr = false;
        boolean keepDb = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> { }
                case "--instances" -> instances = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--server-warmup" -> serverWarmup = nonNegative(arg, value(args, ++i, arg));
                case "--levels" -> {
                    List<Integer> parsed = new ArrayList<>();
                    for (String level : value(args, ++i, arg).split(",")) {
                        parsed.add(positive(arg, level.strip()));
                    }
                    levels = List.copyOf(parsed);
                }
                case "--systems" -> {
                    systems = new LinkedHashSet<>();
                    for (String name : value(args, ++i, arg).split(",")) {
                        systems.add(BenchSystem.named(name.strip()));
                    }
                }
                case "--starters" -> starters = positive(arg, value(args, ++i, arg));
                case "--only" -> {
                    String only = value(args, ++i, arg).toLowerCase(Locale.ROOT);
                    switch (only) {
                        case "throughput" -> latency = false;
                        case "latency" -> throughput = false;
                        default -> throw new IllegalArgumentException("--only takes throughput or latency, not " + only);
                    }
                }
                case "--latency-warmup" -> latencyWarmup = nonNegative(arg, value(args, ++i, arg));
                case "--latency-calls" -> latencyCalls = positive(arg, value(args, ++i, arg));
                case "--async-response-timeout" -> asyncTimeout = positive(arg, value(args, ++i, arg));
                case "--cell-timeout" -> cellTimeout = Duration.ofSeconds(positive(arg, value(args, ++i, arg)));
                case "--server-jvm-args" -> serverJvmArgs = value(args, ++i, arg);
                case "--jfr" -> jfr = true;
                case "--keep-db" -> keepDb = true;
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Path benchDir = locateBenchDir();
        Path root = benchDir.getParent();
        Path wlpHome = locateWlpHome(benchDir);
        Path nodeJar = Path.of(System.getProperty("procos.node.jar", findNodeJar(root).toString())).toAbsolutePath().normalize();
        return new BenchOptions(instances, warmup, serverWarmup, levels, Collections.unmodifiableSet(systems), starters, throughput, latency,
                latencyWarmup, latencyCalls, asyncTimeout, cellTimeout, serverJvmArgs, jfr, keepDb, quick,
                List.copyOf(args), benchDir, wlpHome, nodeJar);
    }

    Path targetDir() {
        return benchDir.resolve("target");
    }

    Path serverOutputDir() {
        return targetDir().resolve("bench-server");
    }

    /**
     * Parses a program's arguments; on a mistake (or {@code --help}) prints it with the usage and exits
     * with status 2.
     */
    static <T> T parseOrExit(Function<String[], T> parser, String[] args, String usage) {
        try {
            return parser.apply(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.println(usage);
            System.exit(2);
            throw e;
        }
    }

    /** The command that reproduces this run. */
    String command() {
        return command(DispatchBenchmark.class, rawArgs);
    }

    /** The command that runs {@code program} with {@code rawArgs}, the way this run was launched. */
    static String command(Class<?> program, List<String> rawArgs) {
        String launcher = System.getProperty("procos.bench.launcher");
        String arguments = String.join(" ", rawArgs.stream().map(BenchOptions::quoted).toList());
        if (launcher != null) {
            if (program != DispatchBenchmark.class) {
                launcher += " -Dbench.main=" + program.getName();
            }
            return arguments.isEmpty() ? launcher : launcher + " -Dexec.args=\"" + arguments.replace("\"", "\\\"") + "\"";
        }
        return "java -cp <procos-bench classpath> " + program.getName() + (arguments.isEmpty() ? "" : " " + arguments);
    }

    private static String quoted(String arg) {
        return arg.contains(" ") || arg.contains("'") ? "'" + arg.replace("'", "'\\''") + "'" : arg;
    }

    /** The procos-bench module's directory ({@code procos.bench.dir}, else found from the working directory). */
    static Path locateBenchDir() {
        String fallback = Files.isDirectory(Path.of("procos-bench")) ? "procos-bench" : ".";
        return Path.of(System.getProperty("procos.bench.dir", fallback)).toAbsolutePath().normalize();
    }

    /** The packaged server procos-ear builds ({@code procos.wlp.home}, else beside the bench module). */
    static Path locateWlpHome(Path benchDir) {
        return Path.of(System.getProperty("procos.wlp.home",
                benchDir.getParent().resolve("procos-ear/target/liberty/wlp").toString())).toAbsolutePath().normalize();
    }

    private static Path findNodeJar(Path root) {
        Path target = root.resolve("procos-pde-grpc/target");
        try (var files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches("procos-pde-grpc-.*-node\\.jar"))
                    .findFirst().orElse(target.resolve("procos-pde-grpc-node.jar"));
        } catch (java.io.IOException e) {
            return target.resolve("procos-pde-grpc-node.jar");
        }
    }

    static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    static int positive(String option, String raw) {
        int value = integer(option, raw);
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, was " + raw);
        }
        return value;
    }

    static int nonNegative(String option, String raw) {
        int value = integer(option, raw);
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, was " + raw);
        }
        return value;
    }

    private static int integer(String option, String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + raw + "'");
        }
    }
}
