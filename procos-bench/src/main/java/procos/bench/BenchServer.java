package procos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code procos} server the build installed under {@code procos-ear/target/liberty/wlp},
 * run as an operator runs it ({@code bin/server start|stop procos}) but with the bench's own output
 * directory (so its own H2 database and logs) and ports, so it never touches a developer's server.
 * It runs on the JDK that runs the bench, with the bench's admin and metrics passwords.
 */
final class BenchServer implements AutoCloseable {

    /** Given at first boot ({@code PROCOS_ADMIN_PASSWORD}), so the bench signs in without reading the generated file. */
    static final Credentials ADMIN = new Credentials("admin", "bench-admin-password");
    /** The read-only user of {@code /metrics} ({@code PROCOS_METRICS_PASSWORD}). */
    static final Credentials METRICS = new Credentials("metrics", "bench-metrics-password");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path wlpHome;
    private final Path outputDir;
    private final Map<String, String> environment = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private HttpClient https;
    private boolean running;

    BenchServer(Path wlpHome, Path outputDir) {
        this.wlpHome = wlpHome;
        this.outputDir = outputDir;
        environment.put("WLP_OUTPUT_DIR", outputDir.toString());
        environment.put("PROCOS_HTTP_PORT", String.valueOf(BenchOptions.HTTP_PORT));
        environment.put("PROCOS_HTTPS_PORT", String.valueOf(BenchOptions.HTTPS_PORT));
        environment.put("PROCOS_GRPC_PORT", String.valueOf(BenchOptions.GRPC_PORT));
        environment.put("PROCOS_NODE_ID", "bench-server");
        environment.put("PROCOS_ADMIN_PASSWORD", ADMIN.password());
        environment.put("PROCOS_METRICS_PASSWORD", METRICS.password());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
    }

    BenchServer with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    BenchServer without(String variable) {
        environment.remove(variable);
        return this;
    }

    String baseUrl() {
        return "http://localhost:" + BenchOptions.HTTP_PORT;
    }

    Path outputDir() {
        return outputDir;
    }

    /** The running server's process id, from Liberty's pid file. */
    OptionalLong pid() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(outputDir.resolve(".pid/procos.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The Prometheus text of {@code /metrics}, read over HTTPS as the read-only metrics user. The
     * connection trusts exactly the certificate this server generated on its first start.
     */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = https().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + BenchOptions.HTTPS_PORT + "/metrics"))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", METRICS.basicHeader()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/metrics answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private synchronized HttpClient https() throws IOException {
        if (https == null) {
            Path keystore = outputDir.resolve("procos/resources/security/key.p12");
            https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                    .sslContext(ServerCertificate.trustedIn(keystore, keystorePassword())).build();
        }
        return https;
    }

    /** The password Liberty generated for its default keystore when the server was created ({@code server.env}). */
    private char[] keystorePassword() throws IOException {
        Path serverEnv = wlpHome.resolve("usr/servers/procos/server.env");
        return Files.readAllLines(serverEnv).stream().filter(line -> line.startsWith("keystore_password="))
                .map(line -> line.substring("keystore_password=".length()).strip().toCharArray()).findFirst()
                .orElseThrow(() -> new IOException("no keystore_password in " + serverEnv));
    }

    Path jsonLog() {
        return outputDir.resolve("procos/logs/procos.jsonl");
    }

    void requireInstalled() {
        if (!Files.isExecutable(wlpHome.resolve("bin/server"))
                || !Files.isRegularFile(wlpHome.resolve("usr/servers/procos/apps/procos.ear"))) {
            throw new IllegalStateException("no packaged server at " + wlpHome
                    + ": build it first with `mvn -B -q install -DskipTests` from the repository root");
        }
    }

    /** Stops a server a previous, interrupted run of the bench left running in the same output directory. */
    void stopLeftover() throws IOException, InterruptedException {
        if (Files.isDirectory(outputDir.resolve("procos")) && script("status").exitCode == 0) {
            System.out.println("  stopping a bench server left running by an earlier run");
            script("stop");
        }
    }

    /** Starts the server and waits (bounded) until the kernel reports ready; the seconds that took. */
    double start(Duration readyTimeout) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Result result = script("start");
        running = true;
        if (result.exitCode != 0) {
            throw new IOException("server start exited " + result.exitCode + ": " + result.output);
        }
        awaitReady(readyTimeout);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  server ready in %.1f s%n", seconds);
        return seconds;
    }

    void stop() throws IOException, InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        synchronized (this) {
            // Its connections were to the JVM that stops; the next start brings a new one.
            https = null;
        }
        Result result = script("stop");
        if (result.exitCode != 0 && result.exitCode != 1) {
            System.err.println("  server stop exited " + result.exitCode + ": " + result.output);
            killByPidFile();
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("  could not stop the bench server cleanly: " + e);
            killByPidFile();
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> started = get("/health/started");
                if (started.statusCode() == 200) {
                    HttpResponse<String> ready = get("/health/ready");
                    if (ready.statusCode() == 200) {
                        return;
                    }
                    throw new IOException("server booted but is not ready: " + problems(ready.body()) + "\n" + messagesLogTail());
                }
                last = "HTTP " + started.statusCode();
            } catch (IOException notListeningYet) {
                if (notListeningYet.getMessage() != null && notListeningYet.getMessage().startsWith("server booted")) {
                    throw notListeningYet;
                }
                last = String.valueOf(notListeningYet);
            }
            Thread.sleep(250);
        }
        throw new IOException("server not ready within " + timeout + " (last: " + last + ")\n" + messagesLogTail());
    }

    private static String problems(String body) {
        try {
            for (JsonNode check : JSON.readTree(body).path("checks")) {
                if (check.path("name").asText().startsWith("procos-kernel")) {
                    return check.path("data").toString();
                }
            }
        } catch (IOException ignored) {
            // fall through to the raw body
        }
        return body;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String messagesLogTail() {
        try {
            List<String> lines = Files.readAllLines(outputDir.resolve("procos/logs/messages.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no messages.log: " + e.getMessage() + ")";
        }
    }

    /** Last resort when {@code server stop} fails: end the server process this bench started, by its pid. */
    private void killByPidFile() {
        pid().ifPresent(pid -> {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            process.ifPresent(handle -> {
                System.err.println("  killing bench server pid " + pid);
                handle.destroyForcibly();
            });
        });
    }

    private Result script(String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wlpHome.resolve("bin/server").toString(), action, "procos"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // The script exits once the server is launched; its output is small.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes()));
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bench-server-script");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("server " + action + " did not finish within " + SCRIPT_TIMEOUT);
        }
        reader.join(2000);
        return new Result(process.exitValue(), output.toString().strip());
    }

    private record Result(int exitCode, String output) {
    }
}
