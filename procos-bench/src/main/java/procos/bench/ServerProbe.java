package procos.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What the soak reads of the running server's JVM: through its own {@code /metrics} (heap used, Java
 * threads, the engine's pool), through {@code jcmd <pid> GC.class_histogram} (a full collection, then
 * the live objects by class: the live heap) and, from outside, through Linux's {@code /proc/<pid>}
 * (threads as the kernel counts them, open file descriptors, resident memory). {@code /metrics} is
 * read right after the collection, but the server allocates in between (it is under load), so its
 * heap figure is the live heap plus that; the histogram's total is the live heap alone.
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
        HeapHistogram histogram = pid > 0 ? liveObjects(pid) : HeapHistogram.NONE;
        String metrics = server.metrics();
        long heapUsed = histogram.totalBytes() >= 0 ? value(metrics, "memory_usedHeap_bytes") : -1;
        long rssKb = status(pid, "VmRSS:");
        return new Resources(histogram, heapUsed, value(metrics, "thread_count"), status(pid, "Threads:"), openFiles(pid),
                value(metrics, "engine_db_connections_active"), value(metrics, "engine_db_connections_idle"),
                rssKb < 0 ? -1 : rssKb * 1024);
    }

    /** One reading; see {@link SoakSample} for each field. */
    record Resources(HeapHistogram histogram, long heapUsed, long jvmThreads, long osThreads, long openFiles, long poolInUse,
                     long poolIdle, long rss) {
    }

    /** A value of the Prometheus text (first series of that name, any labels); -1 when absent. */
    static long value(String prometheus, String name) {
        OptionalDouble value = prometheus.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
        return value.isPresent() ? Math.round(value.getAsDouble()) : -1;
    }

    /** A full collection in the server, then its live objects by class; {@link HeapHistogram#NONE} if jcmd fails. */
    private static HeapHistogram liveObjects(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return HeapHistogram.NONE;
        }
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true)
                .start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return HeapHistogram.NONE;
        }
        try {
            return process.exitValue() == 0 ? HeapHistogram.parse(output.get(10, TimeUnit.SECONDS)) : HeapHistogram.NONE;
        } catch (ExecutionException | TimeoutException e) {
            return HeapHistogram.NONE;
        }
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
