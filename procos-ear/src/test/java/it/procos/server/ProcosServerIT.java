package it.procos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Status;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.grpc.PdeCallException;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged server as an operator runs it: restarts, bad settings, a broken BPMN file, no database. */
class ProcosServerIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path work;

    @Test
    void rootOrchestratorRunsExactlyOnceAcrossServerRestarts() throws Exception {
        String rootBefore;
        try (ProcosServer server = new ProcosServer(work.resolve("out"))) {
            server.start();
            ProcosServer.Health ready = server.awaitBooted(BOOT_TIMEOUT);
            assertThat(ready.status()).as(ready.body().toString()).isEqualTo(200);
            rootBefore = ready.kernelData().path("root_instance_id").asText();
            assertThat(rootBefore).isNotBlank();
        }
        assertThat(events(work.resolve("out"))).as("graceful shutdown is logged")
                .containsSubsequence("kernel_ready", "kernel_stopping", "dispatcher_stopped", "kernel_stopped");
        try (ProcosServer server = new ProcosServer(work.resolve("out"))) {
            server.start();
            ProcosServer.Health ready = server.awaitBooted(BOOT_TIMEOUT);
            assertThat(ready.status()).as(ready.body().toString()).isEqualTo(200);
            assertThat(ready.kernelData().path("root_instance_id").asText()).isEqualTo(rootBefore);

            JsonNode kernel = server.get("/procos/api/kernel").body();
            assertThat(kernel.path("processes").path("deployed")).as("nothing unchanged is redeployed").isEmpty();
            assertThat(kernel.path("processes").path("unchanged").toString()).contains("root_peo.bpmn");
            assertThat(server.get("/health/live").status()).isEqualTo(200);
            assertTheServerExecutesTasksOverGrpcOnlyWithItsToken(work.resolve("out"));
            assertThat(server.metrics())
                    .contains("bpmn_deploys_total", "process_starts_total", "incidents_total", "pde_tasks_total{")
                    .contains("kernel_ready", "pde_tasks_running", "pde_tasks_locked")
                    .contains("engine_db_connections_active", "engine_db_connections_idle");
        }
    }

    @Test
    void theConfiguredKnowledgeFolderIsPreloadedAtBootAndAnswersQuestionsWithSources() throws Exception {
        Path knowledge = Files.createDirectories(work.resolve("knowledge"));
        Files.writeString(knowledge.resolve("ports.md"), "# Ports\n\nThe PDE gRPC server listens on port 50051 by default.\n");
        Files.writeString(knowledge.resolve("tea.md"), "# Tea\n\nGreen tea is brewed at about 80 degrees Celsius.\n");
        try (ProcosServer server = new ProcosServer(work.resolve("out"))
                .with("PROCOS_KNOWLEDGE_DIR", knowledge.toString())
                .with("PROCOS_KNOWLEDGE_DATA_DIR", work.resolve("knowledge-base").toString())) {
            server.start();
            assertThat(server.awaitBooted(BOOT_TIMEOUT).status()).isEqualTo(200);

            awaitMetric(server, "knowledge_ingest_sources_done", 2);
            String metrics = awaitMetric(server, "knowledge_ingest_running", 0); // finish ends the run
            assertThat(metricValue(metrics, "knowledge_ingest_sources_total")).isEqualTo(2);
            assertThat(metricValue(metrics, "knowledge_ingest_chunks_done")).isEqualTo(2);
            assertThat(metricValue(metrics, "knowledge_ingest_eta_seconds")).isZero();
            assertThat(metricValue(metrics, "knowledge_ingest_chunk_rate_per_second")).isPositive();
            JsonNode preload = awaitFinished(server, "knowledge_preload");
            assertThat(variable(server, preload, "knowledge_sources_done").asDouble()).isEqualTo(2);
            assertThat(variable(server, preload, "knowledge_finished").asBoolean()).isTrue();

            JsonNode started = server.post("/procos/engine-rest/process-definition/key/rag_query/start",
                    "{\"variables\":{\"question\":{\"value\":\"Which port does the PDE gRPC server listen on?\",\"type\":\"String\"}}}")
                    .body();
            JsonNode query = awaitFinished(server, "rag_query", started.path("id").asText());
            assertThat(variable(server, query, "answer").asText()).contains("50051");
            assertThat(variable(server, query, "sources").asText()).contains(knowledge.resolve("ports.md").toString());
        }
    }

    /** Polls {@code /metrics} until {@code metric} reaches {@code value}; the whole text. */
    private static String awaitMetric(ProcosServer server, String metric, double value) throws Exception {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = server.metrics();
            if (metrics.contains(metric) && metricValue(metrics, metric) == value) {
                return metrics;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(metric + " did not reach " + value + " within " + BOOT_TIMEOUT + ":\n" + metrics);
    }

    private static double metricValue(String metrics, String metric) {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(line.find()).as(metric + " in /metrics").isTrue();
        return Double.parseDouble(line.group(2));
    }

    /** The newest finished instance of {@code key} (the given one if named), from the engine's REST history. */
    private static JsonNode awaitFinished(ProcosServer server, String key, String... instanceId) throws Exception {
        String query = "/procos/engine-rest/history/process-instance?processDefinitionKey=" + key + "&finished=true"
                + (instanceId.length > 0 ? "&processInstanceId=" + instanceId[0] : "");
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode found = server.get(query).body();
            if (found.size() > 0) {
                assertThat(found.get(0).path("state").asText()).isEqualTo("COMPLETED");
                return found.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no finished " + key + " instance within " + BOOT_TIMEOUT);
    }

    private static JsonNode variable(ProcosServer server, JsonNode instance, String name) throws Exception {
        JsonNode found = server.get("/procos/engine-rest/history/variable-instance?processInstanceId="
                + instance.path("id").asText() + "&variableName=" + name).body();
        assertThat(found.size()).as(name + " of " + instance.path("processDefinitionKey").asText()).isEqualTo(1);
        return found.get(0).path("value");
    }

    /** The PDE endpoint answers gRPC with the token the server generated, and refuses callers without it. */
    private static void assertTheServerExecutesTasksOverGrpcOnlyWithItsToken(Path outputDir) throws Exception {
        String token = Files.readString(outputDir.resolve("procos/grpc.token")).trim();
        TaskRequest echo = TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId("it-grpc-1").setTaskType("echo")
                .setInputs(Struct.newBuilder().putFields("greeting", Value.newBuilder().setStringValue("hello").build()))).build();
        String target = "localhost:" + ProcosServer.GRPC_PORT;
        try (PdeGrpcClient client = PdeGrpcClient.connect(GrpcChannelOptions.plaintext(target).withBearerToken(token))) {
            TaskResult result = client.execute(echo, Duration.ofSeconds(10));
            assertThat(result.getStatus()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(result.getOutputs().getFieldsOrThrow("greeting").getStringValue()).isEqualTo("hello");
        }
        try (PdeGrpcClient anonymous = PdeGrpcClient.connect(GrpcChannelOptions.plaintext(target))) {
            assertThatThrownBy(() -> anonymous.execute(echo, Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(PdeCallException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
    }

    private static List<String> events(Path outputDir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> events = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(outputDir.resolve("procos/logs/procos.jsonl"))) {
            events.add(json.readTree(line).path("event").asText());
        }
        return events;
    }

    @Test
    void everyInvalidSettingIsReportedTogetherAndTheServerStaysUp() throws Exception {
        try (ProcosServer server = new ProcosServer(work.resolve("out"))
                .with("PROCOS_DB_URL", "mysql://db.example/procos")
                .with("PROCOS_MONITOR_INTERVAL", "soon")
                .with("PROCOS_ENGINE_JOB_THREADS", "0")) {
            server.start();
            ProcosServer.Health ready = server.awaitBooted(BOOT_TIMEOUT);

            assertThat(ready.status()).isEqualTo(503);
            JsonNode data = ready.kernelData();
            assertThat(data.path("failed_phase").asText()).isEqualTo("VALIDATING_CONFIG");
            assertThat(data.path("problems").asText())
                    .contains("procos.db.url", "not a supported JDBC URL")
                    .contains("procos.monitor.interval", "ISO-8601 duration")
                    .contains("procos.engine.job-threads", "between 1 and 64");
            assertThat(server.get("/health/live").status()).as("a misconfigured kernel is still alive").isEqualTo(200);
        }
    }

    @Test
    void brokenBpmnFileIsRefusedByNameWhileTheRestDeploys() throws Exception {
        Path processes = Files.createDirectories(work.resolve("processes"));
        Files.writeString(processes.resolve("broken.bpmn"), "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<bpmn:process id=\"x\"",
                StandardCharsets.UTF_8);
        Files.writeString(processes.resolve("entity.bpmn"), """
                <?xml version="1.0"?>
                <!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <bpmn:process id="xxe" name="&secret;" isExecutable="true"/>
                </bpmn:definitions>
                """, StandardCharsets.UTF_8);
        try (ProcosServer server = new ProcosServer(work.resolve("out")).with("PROCOS_PROCESSES_DIR", processes.toString())) {
            server.start();
            ProcosServer.Health ready = server.awaitBooted(BOOT_TIMEOUT);

            assertThat(ready.status()).isEqualTo(503);
            JsonNode data = ready.kernelData();
            assertThat(data.path("phase").asText()).isEqualTo("MONITORING");
            assertThat(data.path("processes_failed").asInt()).isEqualTo(2);
            assertThat(data.path("problems").asText()).contains("broken.bpmn").contains("entity.bpmn");
            assertThat(data.path("root_instance_id").asText()).as("the platform's own processes still run").isNotBlank();
            JsonNode kernel = server.get("/procos/api/kernel").body();
            assertThat(kernel.path("processes").path("deployed").toString()).contains("root_peo.bpmn");
        }
    }

    @Test
    void unreachableDatabaseIsNamedInReadinessAndTheServerStaysUp() throws Exception {
        try (ProcosServer server = new ProcosServer(work.resolve("out"))
                .with("PROCOS_DB_URL", "jdbc:postgresql://127.0.0.1:1/procos")
                .with("PROCOS_DB_USER", "procos")
                .with("PROCOS_DB_PASSWORD", "s3cret-pw")) {
            server.start();
            ProcosServer.Health ready = server.awaitBooted(BOOT_TIMEOUT);

            assertThat(ready.status()).isEqualTo(503);
            JsonNode data = ready.kernelData();
            assertThat(data.path("failed_phase").asText()).isEqualTo("STARTING_ENGINE");
            assertThat(data.path("problems").asText()).contains("127.0.0.1:1").doesNotContain("s3cret-pw");
            assertThat(server.get("/health/live").status()).isEqualTo(200);

            List<String> log = Files.readAllLines(server.jsonLog());
            ObjectMapper json = new ObjectMapper();
            assertThat(log).anySatisfy(line -> assertThat(json.readTree(line).path("event").asText()).isEqualTo("kernel_boot_failed"));
            assertThat(String.join("\n", log)).doesNotContain("s3cret-pw");
        }
    }
}
