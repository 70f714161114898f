package procos.bench;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The standalone PDE node of system (b), a subprocess started from the node jar the build makes
 * ({@code java -jar procos-pde-grpc-<version>-node.jar --config node.yaml --port P --dev}). Ready when
 * its gRPC health service answers SERVING; stopped with SIGTERM, then killed if it lingers.
 */
final class PdeNodeProcess implements AutoCloseable {

    private final Path jar;
    private final Path config;
    private final int port;
    private final Path workDir;
    private final List<String> jvmArgs;
    private Process process;

    PdeNodeProcess(Path jar, Path config, int port, Path workDir, List<String> jvmArgs) {
        this.jvmArgs = List.copyOf(jvmArgs);
        this.jar = jar;
        this.config = config;
        this.port = port;
        this.workDir = workDir;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    Path logFile() {
        return workDir.resolve("node.jsonl");
    }

    Path consoleFile() {
        return workDir.resolve("node-console.log");
    }

    void start(Duration readyTimeout) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Files.deleteIfExists(logFile());
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "--config", config.toString(), "--port", String.valueOf(port), "--dev"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(consoleFile().toFile());
        builder.environment().put("PROCOS_LOG_FILE", logFile().toString());
        long started = System.nanoTime();
        process = builder.start();
        awaitServing(readyTimeout);
        System.out.printf("  PDE node ready on %s in %.1f s (pid %d)%n", address(), (System.nanoTime() - started) / 1e9, process.pid());
    }

    /** Tasks the node has finished so far, from its log: proof that (b) really ran on the node. */
    long tasksFinished() {
        try (Stream<String> lines = Files.lines(logFile())) {
            return lines.filter(line -> line.contains("\"task_finished\"") && line.contains("\"pde.complete\"")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitServing(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ManagedChannel channel = Grpc.newChannelBuilder(address(), InsecureChannelCredentials.create()).build();
        String last = "no answer";
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("PDE node exited with " + process.exitValue() + ":\n" + consoleTail());
                }
                try {
                    HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance());
                    if (health.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                        return;
                    }
                    last = health.getStatus().name();
                } catch (StatusRuntimeException e) {
                    last = e.getStatus().toString();
                }
                Thread.sleep(200);
            }
            throw new IOException("PDE node not serving within " + timeout + " (last: " + last + "):\n" + consoleTail());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(consoleFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
