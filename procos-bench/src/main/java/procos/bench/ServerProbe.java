package procos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the soak reads of the running server's JVM: through its own {@code /metrics} (heap, Java
 * threads, the engine's pool) and, from outside, through Linux's {@code /proc/<pid>} (threads as the
 * kernel counts them, open file descriptors, resident memory). The heap is read right after a full
 * collection asked for with {@code jcmd <pid> GC.run}, so it is the live heap, not the garbage of the
 * moment.
 */
final class ServerProbe {

    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private final BenchServer server;

    ServerProbe(BenchServer server) {
        this.server = server;
    }

    /** The server's resources now; -1 for each one that could not be read. */
    Resources read() throws IOException, InterruptedException {
        long pid = server.pid().orElse(-1);
        boolean collected = pid > 0 && fullGc(pid);
        String metrics = server.metrics();
        long heap = collected ? value(metrics, "memory_usedHeap_bytes") : -1;
        long rssKb = status(pid, "VmRSS:");
        return new Resources(heap, value(metrics, "thread_count"), status(pid, "Threads:"), openFiles(pid),
                value(metrics, "engine_db_connections_active"), value(metrics, "engine_db_connections_idle"),
                rssKb < 0 ? -1 : rssKb * 1024);
    }

    /** One reading; see {@link SoakSample} for each field. */
    record Resources(long heapAfterGc, long jvmThreads, long osThreads, long openFiles, long poolInUse, long poolIdle, long rss) {
    }

    /** A value of the Prometheus text (first series of that name, any labels); -1 when absent. */
    static long value(String prometheus, String name) {
        OptionalDouble value = prometheus.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
        return value.isPresent() ? Math.round(value.getAsDouble()) : -1;
    }

    private static boolean fullGc(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    /** A numeric field of {@code /proc/<pid>/status} (kB for memory), or -1. */
    private static long status(long pid, String field) {
        if (pid <= 0) {
            return -1;
        }
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
            return lines.stream().filter(line -> line.startsWith(field))
                    .mapToLong(line -> Long.parseLong(line.substring(field.length()).replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static long openFiles(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }
}
