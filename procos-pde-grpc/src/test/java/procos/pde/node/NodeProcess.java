package procos.pde.node;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import procos.pde.grpc.GrpcChannelOptions;

/**
 * The packaged node jar running as a separate JVM, the way operators run it: started with
 * {@code java -jar}, its output appended to a file (so a full pipe can never block it), waited for
 * through the standard gRPC health service, and killed without mercy.
 */
final class NodeProcess {

    /** Set by failsafe to the jar the build just shaded; the glob is the fallback for IDE runs. */
    static final String JAR_PROPERTY = "procos.node.jar";

    private final Process process;
    private final Path output;
    private final int port;

    private NodeProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** {@code java -jar <node jar> --config <config> --port <port> --dev}, output appended to {@code output}. */
    static NodeProcess start(Path config, int port, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", nodeJar().toString(),
                "--config", config.toString(),
                "--port", String.valueOf(port),
                "--dev"))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(output.toFile()));
        builder.environment().remove(NodeArguments.TOKEN_VARIABLE);
        builder.environment().remove("PROCOS_LOG_FILE");
        return new NodeProcess(builder.start(), output, port);
    }

    static Path nodeJar() throws IOException {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "procos-pde-grpc-*-node.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no node jar (" + configured + " nor target/procos-pde-grpc-*-node.jar): "
                + "run `mvn -pl procos-pde-grpc verify`, which builds it before the integration tests");
    }

    /**
     * Waits until the node's health service answers SERVING.
     *
     * @throws AssertionError if the process exits first or {@code timeout} passes
     */
    void awaitServing(Duration timeout) throws InterruptedException {
        ManagedChannel channel = GrpcChannelOptions.plaintext("localhost:" + port).openChannel();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the node exited with " + process.exitValue() + " before serving:\n" + output());
                }
                try {
                    ServingStatus status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance()).getStatus();
                    if (status == ServingStatus.SERVING) {
                        return;
                    }
                } catch (StatusRuntimeException notYet) {
                    channel.resetConnectBackoff();
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the node did not report SERVING within " + timeout + ":\n" + output());
        } finally {
            channel.shutdownNow();
        }
    }

    /** Kills the JVM at once (SIGKILL: no shutdown hook, like a crash) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the node process " + process.pid() + " did not die", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the node printed so far (its JSON log lines, and stderr). */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
