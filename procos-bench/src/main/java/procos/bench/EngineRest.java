package procos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The parts of Camunda's REST API ({@code /procos/engine-rest}) the bench uses: deploy, start an
 * instance, count finished instances. Plain HTTP/1.1 with keep-alive; every request has a timeout and
 * carries the bench user's HTTP Basic credentials (the engine acts as that user).
 */
final class EngineRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final Credentials credentials;
    private final HttpClient http;
    private final Map<String, String> definitionIds = new java.util.concurrent.ConcurrentHashMap<>();

    EngineRest(String base, Credentials credentials) {
        this.base = base;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(daemon("bench-http")))
                .build();
    }

    String base() {
        return base;
    }

    Credentials credentials() {
        return credentials;
    }

    /** Deploys the files as one deployment (unchanged files are not deployed again); returns the deployment id. */
    String deploy(String name, Map<String, String> files) throws IOException, InterruptedException {
        String boundary = "----procos-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "deployment-name", null, name);
        part(body, boundary, "deployment-source", null, "procos-bench");
        part(body, boundary, "enable-duplicate-filtering", null, "true");
        part(body, boundary, "deploy-changed-only", null, "true");
        for (Map.Entry<String, String> file : files.entrySet()) {
            part(body, boundary, file.getKey(), file.getKey(), file.getValue());
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request("/deployment/create")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("deployment failed: HTTP " + response.statusCode() + " " + response.body());
        }
        // A deployment may have made a new version the latest: look the ids up again when next asked.
        definitionIds.clear();
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** Starts an instance of the latest version of {@code key}; returns its id. */
    String start(String key) throws IOException, InterruptedException {
        return start(key, Map.of());
    }

    /** Starts an instance of the latest version of {@code key} with process variables (types as Camunda infers them); returns its id. */
    String start(String key, Map<String, Object> variables) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode typed = body.putObject("variables");
        variables.forEach((name, value) -> typed.putObject(name).putPOJO("value", value));
        HttpResponse<String> response = http.send(request("/process-definition/key/" + key + "/start")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("start of " + key + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    /**
     * Finished instances of the latest definition of {@code key}, from history. Asked by definition id
     * rather than by key: on H2 the key form scans the whole ACT_HI_PROCINST table (it grows by tens of
     * thousands of rows during a run, and this is polled every 25 ms), the id form uses the index on
     * (PROC_DEF_ID_, END_TIME_).
     */
    long finishedCount(String key) throws IOException, InterruptedException {
        JsonNode body = get("/history/process-instance/count?finished=true&processDefinitionId="
                + URLEncoder.encode(definitionId(key), StandardCharsets.UTF_8));
        return body.path("count").asLong();
    }

    /** Id of the latest deployed definition of {@code key}, as of the last {@link #deploy}. */
    String definitionId(String key) throws IOException, InterruptedException {
        String id = definitionIds.get(key);
        if (id == null) {
            id = get("/process-definition/key/" + URLEncoder.encode(key, StandardCharsets.UTF_8)).path("id").asText();
            definitionIds.put(key, id);
        }
        return id;
    }

    /** Open (running) instances of {@code key}. */
    long runningCount(String key) throws IOException, InterruptedException {
        JsonNode body = get("/process-instance/count?processDefinitionKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        return body.path("count").asLong();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A request to {@code path} under the REST API's base, signed in, with the request timeout. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", credentials.basicHeader());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, String content)
            throws IOException {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream");
        }
        head.append("\r\n\r\n");
        body.write(head.toString().getBytes(StandardCharsets.UTF_8));
        body.write(content.getBytes(StandardCharsets.UTF_8));
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
