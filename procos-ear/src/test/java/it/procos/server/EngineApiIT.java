package it.procos.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's engine API on the packaged server, used the way the console and people use it:
 * definitions deployed through Camunda's REST API, started, listed and read; a human task claimed
 * and completed through its form; an instance canceled; an incident seen live in the log tail and
 * retried; the PDEs and the log read; and bad input, strangers and read-only users refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/procos/api";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ProcosServer server;

    @BeforeAll
    void start() throws Exception {
        Path work = Files.createTempDirectory("procos-engine-api-it");
        server = new ProcosServer(work.resolve("out"));
        server.start();
        assertThat(server.awaitBooted(Duration.ofMinutes(4)).status()).isEqualTo(200);
        createUser("olivia", "operator");
        createUser("vera", "viewer");
        deploy("apie_review.bpmn", reviewProcess());
        deploy("apie_work.bpmn", externalTaskProcess());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void definitionsAreListedFilteredAndReadWithTheirXml() throws Exception {
        JsonNode page = get("/process-definitions?key=apie_review&latest=true", "admin");
        assertThat(page.path("total").asInt()).isEqualTo(1);
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("key").asText()).isEqualTo("apie_review");
        assertThat(item.path("metadata").path("procos.kind").asText()).isEqualTo("peo");
        assertThat(item.path("startable").asBoolean()).isTrue();
        assertThat(item.path("deployment_id").asText()).isNotBlank();
        String id = item.path("id").asText();
        assertThat(get("/process-definitions/" + id, "admin").path("version").asInt()).isEqualTo(1);
        HttpResponse<String> xml = send(as(API + "/process-definitions/" + id + "/xml", "admin"));
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("xml"));
        assertThat(xml.body()).contains("<userTask id=\"decide\"");
        assertThat(get("/process-definitions?limit=1", "admin").path("items")).hasSize(1);

        assertError(send(as(API + "/process-definitions?latest=maybe", "admin")), 400, "latest:");
        assertError(send(as(API + "/process-definitions?limit=0", "admin")), 400, "limit:");
        assertError(send(as(API + "/process-definitions/no-such-definition", "admin")), 404, "no-such-definition");
        assertError(post("/process-definitions/" + id + "/start", "olivia", "{\"variables\":{\"1x\":1}}"), 422, "variables.1x");
        assertError(post("/process-definitions/" + id + "/start", "olivia", "{\"colour\":\"red\"}"), 422, "colour");
    }

    @Test
    void aTaskIsStartedClaimedAndCompletedThroughItsFormAndTheInstanceShowsItsPath() throws Exception {
        String definition = definitionId("apie_review");
        String businessKey = "order-" + UUID.randomUUID();
        HttpResponse<String> started = post("/process-definitions/" + definition + "/start", "olivia",
                "{\"business_key\":\"" + businessKey + "\",\"variables\":{\"amount\":3,\"order\":{\"id\":1}}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String instance = JSON.readTree(started.body()).path("instance_id").asText();

        JsonNode listed = get("/instances?definition_key=apie_review&business_key=" + businessKey, "olivia");
        assertThat(listed.path("total").asInt()).isEqualTo(1);
        assertThat(listed.path("items").get(0).path("state").asText()).isEqualTo("active");
        assertThat(listed.path("items").get(0).path("id").asText()).isEqualTo(instance);

        JsonNode task = null;
        for (JsonNode candidate : get("/tasks?limit=200", "olivia").path("items")) {
            if (candidate.path("process_instance_id").asText().equals(instance)) {
                task = candidate;
            }
        }
        assertThat(task).as("the operator group's task is offered to olivia").isNotNull();
        assertThat(task.path("candidate_groups").toString()).contains("operator");
        assertThat(task.path("form").get(0).path("id").asText()).isEqualTo("approved");
        assertThat(task.path("form").get(0).path("required").asBoolean()).isTrue();
        String taskId = task.path("id").asText();

        HttpResponse<String> claimed = post("/tasks/" + taskId + "/claim", "olivia", "");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(JSON.readTree(claimed.body()).path("assignee").asText()).isEqualTo("olivia");
        assertError(post("/tasks/" + taskId + "/complete", "olivia", "{\"values\":{\"approved\":\"yes\"}}"), 422, "values.approved");
        HttpResponse<String> completed = post("/tasks/" + taskId + "/complete", "olivia",
                "{\"values\":{\"approved\":true,\"comment\":\"fine\"}}");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);

        JsonNode detail = get("/instances/" + instance, "olivia");
        assertThat(detail.path("state").asText()).isEqualTo("completed");
        assertThat(detail.path("completed_activities").toString()).contains("decide", "end");
        assertThat(detail.path("history").size()).isGreaterThanOrEqualTo(3);
        assertThat(detail.path("variables").path("approved").asBoolean()).isTrue();
        assertThat(detail.path("variables").path("order").asText()).isEqualTo("{\"id\":1}");
        assertThat(detail.path("variables").path("amount").asLong()).isEqualTo(3);
        assertError(send(as(API + "/instances?state=sleeping", "olivia")), 400, "state:");
        assertError(send(as(API + "/instances?started_after=yesterday", "olivia")), 400, "started_after:");
    }

    @Test
    void anInstanceIsCanceledWithItsReasonAndOnlyOnce() throws Exception {
        String instance = JSON.readTree(post("/process-definitions/" + definitionId("apie_review") + "/start", "admin", "{}").body())
                .path("instance_id").asText();

        assertError(post("/instances/" + instance + "/cancel", "olivia", "{}"), 422, "reason");
        assertThat(post("/instances/" + instance + "/cancel", "olivia", "{\"reason\":\"duplicate\"}").statusCode()).isEqualTo(204);

        assertThat(get("/instances/" + instance, "olivia").path("state").asText()).isEqualTo("canceled");
        assertThat(get("/instances?state=canceled&limit=200", "olivia").path("items").toString()).contains(instance);
        assertError(post("/instances/" + instance + "/cancel", "olivia", "{\"reason\":\"again\"}"), 409, instance);
    }

    @Test
    void anIncidentAppearsInTheLiveLogTailAndIsRetried() throws Exception {
        HttpResponse<Stream<String>> tail = http.send(as(API + "/logs/stream?level=WARN&component=engine", "admin").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(tail.statusCode()).isEqualTo(200);
        assertThat(tail.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/event-stream"));
        try (Stream<String> lines = tail.body()) {
            String instance = JSON.readTree(post("/process-definitions/" + definitionId("apie_work") + "/start", "admin", "{}").body())
                    .path("instance_id").asText();
            failExternalTask(instance);

            Iterator<String> reader = lines.iterator();
            String event = CompletableFuture.supplyAsync(() -> {
                boolean logEvent = false;
                while (reader.hasNext()) {
                    String line = reader.next();
                    if (line.equals("event: log")) {
                        logEvent = true;
                    } else if (logEvent && line.startsWith("data:") && line.contains(instance)) {
                        return line;
                    }
                }
                return null;
            }).get(60, TimeUnit.SECONDS);
            assertThat(event).contains("\"event\":\"incident_raised\"").contains("\"level\":\"WARN\"");

            JsonNode detail = get("/instances/" + instance, "olivia");
            assertThat(detail.path("state").asText()).isEqualTo("incident");
            JsonNode incident = detail.path("incidents").get(0);
            assertThat(incident.path("type").asText()).isEqualTo("failedExternalTask");
            assertThat(get("/instances?state=incident&limit=200", "olivia").path("items").toString()).contains(instance);
            assertThat(post("/incidents/" + incident.path("id").asText() + "/retry", "olivia", "").statusCode()).isEqualTo(204);
            assertThat(get("/instances/" + instance, "olivia").path("incidents")).isEmpty();
            assertError(post("/incidents/" + incident.path("id").asText() + "/retry", "olivia", ""), 404, "incident");

            JsonNode logged = get("/logs?level=WARN&process_instance=" + instance, "vera");
            assertThat(logged.path("items").toString()).contains("incident_raised");
        }
    }

    @Test
    void theLogHistoryHasTheKernelsEventsAndRefusesBadFilters() throws Exception {
        JsonNode kernel = get("/logs?component=kernel&limit=1000", "vera");
        assertThat(kernel.path("items").toString()).contains("\"kernel_ready\"");
        for (JsonNode entry : kernel.path("items")) {
            assertThat(entry.path("component").asText()).startsWith("kernel");
        }
        assertThat(get("/logs?limit=2", "vera").path("items")).hasSize(2);
        assertError(send(as(API + "/logs?limit=5000", "vera")), 400, "limit:");
        assertError(send(as(API + "/logs?level=LOUD", "vera")), 400, "level:");
    }

    @Test
    void thePdesAnswerWithTheirEndpointsHealthAndSelfTests() throws Exception {
        JsonNode pdes = get("/pdes", "vera");
        assertThat(pdes.path("pools").size()).isGreaterThanOrEqualTo(1);
        assertThat(pdes.path("pools").get(0).path("size").asInt()).isPositive();
        JsonNode noop = null;
        for (JsonNode endpoint : pdes.path("endpoints")) {
            if (endpoint.path("id").asText().equals("noop")) {
                noop = endpoint;
            }
        }
        assertThat(noop).as(pdes.toString()).isNotNull();
        assertThat(noop.path("health").asText()).isEqualTo("UP");
        assertThat(noop.path("circuit").asText()).isIn("closed", "open", "half_open");

        HttpResponse<String> selfTest = post("/pdes/endpoints/noop/self-test", "olivia", "");
        assertThat(selfTest.statusCode()).as(selfTest.body()).isEqualTo(200);
        assertThat(JSON.readTree(selfTest.body()).path("health").asText()).isEqualTo("UP");
        assertError(post("/pdes/endpoints/nobody/self-test", "olivia", ""), 404, "nobody");
        assertThat(get("/pdes/routing/history", "vera").path("samples").isArray()).isTrue();
    }

    @Test
    void strangersAreUnauthorizedViewersCannotChangeAndTheEngineRefusesWhatARoleMayNotDo() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create("http://localhost:" + ProcosServer.HTTP_PORT + API + "/instances")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(send(as(API + "/instances", "vera")).statusCode()).isEqualTo(200);
        String definition = definitionId("apie_review");
        assertThat(post("/process-definitions/" + definition + "/start", "vera", "{}").statusCode()).isEqualTo(403);
        assertThat(post("/tasks/any/claim", "vera", "").statusCode()).isEqualTo(403);
        assertThat(post("/pdes/endpoints/noop/self-test", "vera", "").statusCode()).isEqualTo(403);

        HttpResponse<String> suspend = post("/process-definitions/" + definition + "/suspend", "olivia", "");
        assertError(suspend, 403, "");
        assertThat(suspend.body()).doesNotContain("Exception:").doesNotContainPattern("\\bat (java|org|procos)\\.");
        assertThat(get("/process-definitions/" + definition, "admin").path("suspended").asBoolean()).isFalse();
    }

    private void failExternalTask(String instance) throws Exception {
        JsonNode locked = JSON.readTree(server.send(server.request("/procos/engine-rest/external-task/fetchAndLock")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"workerId\":\"it\",\"maxTasks\":10,\"topics\":[{\"topicName\":\"apie.manual\",\"lockDuration\":60000}]}"))).body());
        String taskId = null;
        for (JsonNode task : locked) {
            if (task.path("processInstanceId").asText().equals(instance)) {
                taskId = task.path("id").asText();
            }
        }
        assertThat(taskId).as(locked.toString()).isNotNull();
        HttpResponse<String> failed = server.send(server.request("/procos/engine-rest/external-task/" + taskId + "/failure")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"workerId\":\"it\",\"errorMessage\":\"boom\",\"retries\":0,\"retryTimeout\":0}")));
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(204);
    }

    private String definitionId(String key) throws Exception {
        return get("/process-definitions?latest=true&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), "admin")
                .path("items").get(0).path("id").asText();
    }

    private JsonNode get(String path, String user) throws Exception {
        HttpResponse<String> response = send(as(API + path, user));
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String user, String json) throws Exception {
        HttpRequest.Builder request = as(API + path, user);
        if (!json.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return server.send(request);
    }

    private HttpRequest.Builder as(String path, String user) {
        String password = user.equals("admin") ? ProcosServer.ADMIN_PASSWORD : password(user);
        return server.request(path).setHeader("Authorization", ProcosServer.basic(user, password));
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("message").asText()).contains(messagePart);
    }

    private static String password(String user) {
        return user + "-password-for-its";
    }

    private void createUser(String id, String group) throws Exception {
        server.createUser(id, password(id), group);
    }

    private void deploy(String fileName, String bpmn) throws Exception {
        HttpResponse<String> deployed = server.deploy(fileName, bpmn);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    }

    private static String reviewProcess() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             targetNamespace="http://example.org/it">
                  <process id="apie_review" name="Review an order" isExecutable="true" camunda:historyTimeToLive="1">
                    <extensionElements>
                      <camunda:properties><camunda:property name="procos.kind" value="peo"/></camunda:properties>
                    </extensionElements>
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="decide"/>
                    <userTask id="decide" name="Decide on the order" camunda:candidateGroups="operator">
                      <extensionElements>
                        <camunda:formData>
                          <camunda:formField id="approved" label="Approved" type="boolean">
                            <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                          </camunda:formField>
                          <camunda:formField id="comment" label="Comment" type="string"/>
                        </camunda:formData>
                      </extensionElements>
                    </userTask>
                    <sequenceFlow id="f2" sourceRef="decide" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """;
    }

    /** An external task on a topic no endpoint of the server serves, so only the test works it. */
    private static String externalTaskProcess() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             targetNamespace="http://example.org/it">
                  <process id="apie_work" isExecutable="true" camunda:historyTimeToLive="1">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="manual_work"/>
                    <serviceTask id="manual_work" camunda:type="external" camunda:topic="apie.manual"/>
                    <sequenceFlow id="f2" sourceRef="manual_work" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """;
    }
}
