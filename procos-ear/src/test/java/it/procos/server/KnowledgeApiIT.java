package it.procos.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's knowledge, ask, me and kernel API on the packaged server, over HTTP as the console
 * calls it: a document is uploaded, followed to the end of its job over the SSE stream, listed,
 * cited by answers (now and through the durable rag_query process) and removed; bad input, missing
 * credentials and a viewer who tries to change something are refused with the documented status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/procos/api";
    /** Small, so the size check of uploads is tested without sending megabytes. */
    private static final int UPLOAD_LIMIT = 64 * 1024;
    private static final String GUIDE = """
            # Quillmoor ferry

            The Quillmoor ferry crosses the Darrow estuary every forty minutes. Its captain, Odile Varga, \
            has sailed the route since 2009.

            ## Tickets

            A return ticket costs eleven crowns and is valid for three days.
            """;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};

    private ProcosServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        Path work = Files.createTempDirectory("procos-knowledge-api-it");
        server = new ProcosServer(work.resolve("out")).with("PROCOS_KNOWLEDGE_UPLOAD_MAX_BYTES", String.valueOf(UPLOAD_LIMIT));
        server.start();
        assertThat(server.awaitBooted(Duration.ofMinutes(4)).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void meKernelHealthAndRedeployAnswerForTheSignedInAdmin() throws Exception {
        JsonNode me = server.get(API + "/me").body();
        assertThat(me.path("user").asText()).isEqualTo("admin");
        assertThat(texts(me.path("roles"))).contains("admin");
        assertThat(texts(me.path("groups"))).contains("admin");

        ProcosServer.Health health = server.get(API + "/kernel/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).as(health.body().toString()).isEqualTo("UP");
        List<String> checks = new ArrayList<>();
        health.body().path("checks").forEach(check -> checks.add(check.path("name").asText()));
        assertThat(checks).contains("procos-kernel-started", "procos-kernel-live", "procos-kernel-ready");

        ProcosServer.Health redeploy = server.post(API + "/kernel/redeploy", "");
        assertThat(redeploy.status()).as(redeploy.body().toString()).isEqualTo(200);
        assertThat(texts(redeploy.body().path("unchanged"))).contains("rag_query.bpmn", "root_peo.bpmn");
        assertThat(redeploy.body().path("failed")).isEmpty();
    }

    @Test
    void anUploadedDocumentIsIndexedCitedAndRemoved() throws Exception {
        HttpResponse<String> uploaded = server.send(upload(server.request(API + "/knowledge/sources"), "ferry.md", "text/markdown",
                GUIDE.getBytes(StandardCharsets.UTF_8)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(uploaded.body());
        assertThat(accepted.path("source").path("location").asText()).isEqualTo("uploads/ferry.md");
        assertThat(accepted.path("source").path("status").asText()).isEqualTo("pending");
        String jobId = accepted.path("job").path("id").asText();
        assertThat(accepted.path("job").path("kind").asText()).isEqualTo("upload");

        List<JsonNode> events = progressEvents(jobId);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("state").asText()).as(events.toString()).isEqualTo("done");
        assertThat(last.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(last.path("done").asInt()).isEqualTo(1);
        assertThat(last.path("total").asInt()).isEqualTo(1);
        assertThat(server.get(API + "/knowledge/jobs/" + jobId).body().path("state").asText()).isEqualTo("done");
        assertThat(server.get(API + "/knowledge/jobs?limit=5").body().path("items").get(0).path("id").asText()).isEqualTo(jobId);

        JsonNode source = source("uploads/ferry.md");
        assertThat(source.path("status").asText()).isEqualTo("indexed");
        assertThat(source.path("chunks").asInt()).isPositive();
        assertThat(source.path("size_bytes").asLong()).isEqualTo(GUIDE.getBytes(StandardCharsets.UTF_8).length);

        ProcosServer.Health answer = server.post(API + "/ask", "{\"question\":\"How often does the Quillmoor ferry cross the estuary?\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("method").asText()).isEqualTo("extractive");
        assertThat(answer.body().path("answer").asText()).contains("forty minutes");
        JsonNode cited = answer.body().path("sources").get(0);
        assertThat(cited.path("source").asText()).isEqualTo("uploads/ferry.md");
        assertThat(cited.path("position").asText()).matches("chars \\d+-\\d+ \\| chunk \\d+");
        assertThat(cited.path("snippet").asText()).isNotBlank();

        ProcosServer.Health later = server.post(API + "/ask/async", "{\"question\":\"Who is the captain of the Quillmoor ferry?\"}");
        assertThat(later.status()).as(later.body().toString()).isEqualTo(202);
        JsonNode done = awaitAnswer(later.body().path("id").asText());
        assertThat(done.path("answer").path("answer").asText()).contains("Odile Varga");
        assertThat(done.path("answer").path("sources").get(0).path("source").asText()).isEqualTo("uploads/ferry.md");

        HttpResponse<String> removed = server.send(server.request(API + "/knowledge/sources/" + source.path("id").asText()).DELETE());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        JsonNode gone = source("uploads/ferry.md");
        assertThat(gone.path("status").asText()).isEqualTo("removed");
        assertThat(gone.path("chunks").asInt()).isZero();
        JsonNode after = server.post(API + "/ask", "{\"question\":\"How often does the Quillmoor ferry cross the estuary?\"}").body();
        assertThat(after.path("sources").findValuesAsText("source")).doesNotContain("uploads/ferry.md");
    }

    @Test
    void badInputIsRefusedWithTheStatusThatSaysWhy() throws Exception {
        assertStatus(server.post(API + "/ask", "{\"question\":\"\"}"), 422, "question:");
        assertStatus(server.post(API + "/ask", "{\"question\":\"Who?\",\"topk\":3}"), 422, "topk: unknown field");
        assertStatus(server.get(API + "/knowledge/sources?limit=0"), 400, "limit:");
        assertStatus(server.get(API + "/knowledge/jobs?offset=-1"), 400, "offset:");
        assertStatus(server.post(API + "/knowledge/sources/reference", "{\"path\":\"../../etc\"}"), 422, "path:");
        assertStatus(server.post(API + "/knowledge/sources/reference", "{\"url\":\"https://example.org/x\"}"), 422, "url:");

        assertStatus(send(upload(server.request(API + "/knowledge/sources"), "../../evil.md", "text/markdown", "# Evil".getBytes())), 422, "file:");
        assertStatus(send(upload(server.request(API + "/knowledge/sources"), "big.md", "text/markdown",
                "word ".repeat(UPLOAD_LIMIT / 4).getBytes())), 413, "file: larger than");
        assertStatus(send(upload(server.request(API + "/knowledge/sources"), "picture.md", "text/markdown", PNG)), 415, "file:");
    }

    @Test
    void strangersAreAskedToSignInAndViewersMayAskButNotUpload() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ProcosServer.HTTP_PORT + API + "/me"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        createViewer("vera");
        HttpRequest.Builder asViewer = server.request(API + "/knowledge/sources").setHeader("Authorization", ProcosServer.basic("vera", "vera-pw-for-its"));
        assertThat(server.send(upload(asViewer, "notes.md", "text/markdown", "# Notes".getBytes())).statusCode()).isEqualTo(403);
        HttpResponse<String> asked = server.send(server.request(API + "/ask").setHeader("Authorization", ProcosServer.basic("vera", "vera-pw-for-its"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"What is ProcOS?\"}")));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        HttpResponse<String> me = server.send(server.request(API + "/me").setHeader("Authorization", ProcosServer.basic("vera", "vera-pw-for-its")));
        assertThat(texts(JSON.readTree(me.body()).path("roles"))).containsExactly("viewer");
    }

    // --- helpers ---

    /** The job's SSE stream read to its end: every progress event's JSON. */
    private List<JsonNode> progressEvents(String jobId) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> stream = http.send(server.request(API + "/knowledge/jobs/" + jobId + "/events")
                .timeout(Duration.ofMinutes(5)).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        String event = null;
        for (Iterator<String> lines = stream.body().iterator(); lines.hasNext(); ) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:") && "progress".equals(event)) {
                events.add(JSON.readTree(line.substring("data:".length()).strip()));
            }
        }
        assertThat(events).as("progress events").isNotEmpty();
        return events;
    }

    private JsonNode awaitAnswer(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            state = server.get(API + "/ask/" + id).body();
            if (!state.path("state").asText().equals("running")) {
                assertThat(state.path("state").asText()).as(state.toString()).isEqualTo("done");
                return state;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the question did not finish: " + state);
    }

    private JsonNode source(String location) throws Exception {
        for (JsonNode source : server.get(API + "/knowledge/sources?limit=200").body().path("items")) {
            if (source.path("location").asText().equals(location)) {
                return source;
            }
        }
        throw new AssertionError("no source " + location);
    }

    private void createViewer(String id) throws Exception {
        server.createUser(id, id + "-pw-for-its", "viewer");
    }

    private ProcosServer.Health send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = server.send(request);
        return new ProcosServer.Health(response.statusCode(), response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    private static void assertStatus(ProcosServer.Health answer, int status, String messageStart) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().path("message").asText()).as(answer.body().toString()).startsWith(messageStart);
    }

    private static HttpRequest.Builder upload(HttpRequest.Builder request, String fileName, String type, byte[] content) {
        String boundary = "procos-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
