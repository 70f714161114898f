package it.procos.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged {@code procos} server the build installed, run the way an operator runs it
 * ({@code bin/server start|stop}), but with its own output directory (database, logs) and ports so
 * tests never touch a server a developer has running. Its environment is the test's without any
 * {@code PROCOS_*} variable, plus what the test sets: nothing of the shell leaks into the server.
 * Every request authenticates as {@code admin} with {@link #ADMIN_PASSWORD}.
 *
 * <p>Ports: {@code procos.it.server.http.port}, {@code procos.it.server.https.port} and
 * {@code procos.it.server.grpc.port} (system properties; 9280, 9643, 50251 by default), so two
 * builds on one machine can run these tests at once on different ports.
 */
final class ProcosServer implements AutoCloseable {

    static final int HTTP_PORT = Integer.getInteger("procos.it.server.http.port", 9280);
    static final int HTTPS_PORT = Integer.getInteger("procos.it.server.https.port", 9643);
    static final int GRPC_PORT = Integer.getInteger("procos.it.server.grpc.port", 50251);
    /** Given at first boot, so tests sign in without reading the generated file. */
    static final String ADMIN_PASSWORD = "procos-it-admin-pw";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path wlpHome = Path.of(System.getProperty("procos.wlp.home", "target/liberty/wlp"));
    private final Path outputDir;
    private final Map<String, String> environment = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(TrustAll.context()).build();
    private boolean running;

    ProcosServer(Path outputDir) {
        this.outputDir = outputDir;
        environment.put("WLP_OUTPUT_DIR", outputDir.toAbsolutePath().toString());
        environment.put("PROCOS_HTTP_PORT", String.valueOf(HTTP_PORT));
        environment.put("PROCOS_HTTPS_PORT", String.valueOf(HTTPS_PORT));
        environment.put("PROCOS_GRPC_PORT", String.valueOf(GRPC_PORT));
        environment.put("PROCOS_MONITOR_INTERVAL", "PT2S");
        environment.put("PROCOS_ADMIN_PASSWORD", ADMIN_PASSWORD);
    }

    ProcosServer with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    void start() throws IOException, InterruptedException {
        run("start");
        running = true;
    }

    void stop() throws IOException, InterruptedException {
        if (running) {
            run("stop");
            running = false;
        }
    }

    /**
     * Kills the server's JVM at once (SIGKILL: no shutdown hook, nothing flushed by the server, like
     * a crash or an OOM killer) and waits until it is gone. Its pid is the one Liberty wrote.
     */
    void kill() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(outputDir.resolve(".pid/procos.pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError("the server (pid " + pid + ") is not running"));
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the server (pid " + pid + ") did not die", e);
        }
        running = false;
    }

    /** Polls until the kernel has booted (ready or not) and returns the readiness answer. */
    Health awaitBooted(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Health last = null;
        while (System.nanoTime() < deadline) {
            try {
                Health started = get("/health/started");
                if (started.status() == 200) {
                    return get("/health/ready");
                }
                last = started;
            } catch (IOException notListeningYet) {
                // the HTTP endpoint opens before the application; keep polling
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server did not boot within " + timeout + "; last answer " + last + "\n" + messagesLogTail());
    }

    Health get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Health(response.statusCode(), body);
    }

    String text(String path) throws IOException, InterruptedException {
        return send(path).body();
    }

    /** POSTs a JSON body as admin; the answer's JSON. */
    Health post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        return new Health(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    /**
     * Creates an engine user with {@code password} through Camunda's REST API as admin and, unless
     * {@code group} is null, makes it a member of that group (a group's name is its ProcOS role).
     */
    void createUser(String id, String password, String group) throws IOException, InterruptedException {
        Health created = post("/procos/engine-rest/user/create", """
                {"profile":{"id":"%s","firstName":"%s","lastName":"Test","email":"%s@example.org"},"credentials":{"password":"%s"}}
                """.formatted(id, id, id, password));
        if (created.status() != 204 && created.status() != 200) {
            throw new AssertionError("user " + id + " was not created: " + created.status() + " " + created.body());
        }
        if (group != null) {
            HttpResponse<String> member = send(request("/procos/engine-rest/group/" + group + "/members/" + id)
                    .PUT(HttpRequest.BodyPublishers.noBody()));
            if (member.statusCode() != 204) {
                throw new AssertionError(id + " did not join " + group + ": " + member.statusCode() + " " + member.body());
            }
        }
    }

    /** Deploys one BPMN file through Camunda's REST API ({@code deployment/create}) as admin; the deployment guard applies. */
    HttpResponse<String> deploy(String fileName, String bpmn) throws IOException, InterruptedException {
        String boundary = "procos-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + fileName + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return send(request("/procos/engine-rest/deployment/create").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** The Prometheus text of {@code /metrics}, read over HTTPS as the read-only metrics user. */
    String metrics() throws IOException, InterruptedException {
        String password = Files.readString(outputDir.resolve("procos/metrics.password")).trim();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + HTTPS_PORT + "/metrics"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", basic("metrics", password)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A request to {@code path} on the HTTP port, signed in as admin; callers may replace the credentials. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", basic("admin", ADMIN_PASSWORD));
    }

    /** Sends over HTTP, or HTTPS for an https URI (trusting the server's self-signed certificate). */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        return (built.uri().getScheme().equals("https") ? https : http).send(built, HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return send(request(path));
    }

    Path outputDir() {
        return outputDir;
    }

    Path jsonLog() {
        return outputDir.resolve("procos/logs/procos.jsonl");
    }

    String messagesLogTail() {
        try {
            List<String> lines = Files.readAllLines(outputDir.resolve("procos/logs/messages.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no messages.log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private void run(String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wlpHome.resolve("bin/server").toString(), action, "procos"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("PROCOS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("server " + action + " hung");
        }
        if (process.exitValue() != 0 && !(action.equals("stop") && process.exitValue() == 1)) {
            throw new AssertionError("server " + action + " exited " + process.exitValue() + ": " + output);
        }
    }

    /** An HTTP answer with its JSON body. */
    record Health(int status, JsonNode body) {

        /** The data of the kernel's readiness check. */
        JsonNode kernelData() {
            for (JsonNode check : body.path("checks")) {
                if (check.path("name").asText().startsWith("procos-kernel")) {
                    return check.path("data");
                }
            }
            throw new AssertionError("no procos-kernel check in " + body);
        }
    }
}
