package procos.pde.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An example endpoint running as its own process, the way its README starts it. Its output goes to
 * a file, so a full pipe can never block it and everything it printed is there to show when a test
 * fails. Ready when it prints its {@code endpoint_ready} JSON line, which also names the port it
 * bound (it is started on port 0). {@link #close()} stops it with SIGTERM, then SIGKILL.
 */
final class EndpointProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final Path output;
    private final int port;

    private EndpointProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts {@code command} in {@code directory} and waits for its ready line.
     *
     * @throws AssertionError with everything it printed, if it exits or stays silent for {@code timeout}
     */
    static EndpointProcess start(List<String> command, Path directory, Map<String, String> env, Path output,
                                 Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            return new EndpointProcess(process, output, awaitReadyPort(process, output, timeout));
        } catch (AssertionError | InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    int port() {
        return port;
    }

    String target() {
        return "127.0.0.1:" + port;
    }

    /** Everything the endpoint printed so far: its JSON log lines and stderr. */
    String output() {
        return read(output);
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static int awaitReadyPort(Process process, Path output, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : read(output).split("\n")) {
                JsonNode ready = readyLine(line);
                if (ready != null) {
                    return ready.path("port").asInt();
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the endpoint exited with " + process.exitValue() + " before it was ready:\n"
                        + read(output));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the endpoint printed no endpoint_ready line within " + timeout + ":\n" + read(output));
    }

    private static JsonNode readyLine(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return "endpoint_ready".equals(node.path("event").asText()) && node.path("port").asInt() > 0 ? node : null;
        } catch (IOException notJson) {
            return null; // a line still being written
        }
    }

    /** SIGTERM, a grace period to finish, then SIGKILL; returns once the process is gone. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("endpoint process " + process.pid() + " did not die", e);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
