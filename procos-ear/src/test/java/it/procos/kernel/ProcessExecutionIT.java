package it.procos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import procos.kernel.root.RootProcessStarter;

/**
 * Engine services injected anywhere in the EAR run processes to the end, and the server reports
 * itself ready. This class deploys the application a second time on the same database, so its
 * root-orchestrator check also proves a kernel restart does not start a second root.
 */
@ExtendWith(ArquillianExtension.class)
class ProcessExecutionIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return ProcosDeployment.withTestClasses(ProcessExecutionIT.class);
    }

    @Inject
    RuntimeService runtimeService;

    @Inject
    RepositoryService repositoryService;

    @Inject
    HistoryService historyService;

    @ArquillianResource
    URL testWarUrl;

    @Test
    void injectedRuntimeServiceStartsAProcessThatCompletes() {
        String key = deploy(Bpmn.createExecutableProcess("it_sync_" + shortId())
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("answer").camundaExpression("${42}").camundaResultVariable("answer")
                .endEvent()
                .done());

        ProcessInstance instance = runtimeService.startProcessInstanceByKey(key);

        assertTrue(instance.isEnded(), "a process without wait states ends within the start call");
        HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult();
        assertEquals(HistoricProcessInstance.STATE_COMPLETED, history.getState());
        assertEquals(42L, historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName("answer").singleResult().getValue());
    }

    @Test
    void jobExecutorCompletesAnAsynchronousContinuation() throws InterruptedException {
        String key = deploy(Bpmn.createExecutableProcess("it_async_" + shortId())
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("after_commit").camundaAsyncBefore().camundaExpression("${true}").camundaResultVariable("ran")
                .endEvent()
                .done());

        ProcessInstance instance = runtimeService.startProcessInstanceByKey(key, Map.of());

        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(instance.getId(), Duration.ofSeconds(60)));
    }

    @Test
    void rootOrchestratorIsNotStartedAgainWhenTheKernelRestarts() {
        assertEquals(1, runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(RootProcessStarter.PROCESS_KEY).count());
    }

    @Test
    @RunAsClient
    void readinessIsUpWithKernelData() throws Exception {
        URI ready = new URI(testWarUrl.getProtocol(), null, testWarUrl.getHost(), testWarUrl.getPort(), "/health/ready", null, null);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("UP", body.path("status").asText());
        JsonNode data = null;
        for (JsonNode check : body.path("checks")) {
            if (check.path("name").asText().equals("procos-kernel-ready")) {
                data = check.path("data");
            }
        }
        assertNotNull(data, body::toString);
        assertEquals("MONITORING", data.path("phase").asText());
        assertTrue(data.path("database_reachable").asBoolean());
        assertEquals(0, data.path("processes_failed").asInt());
        assertTrue(data.path("processes_deployed").asInt() >= 1);
        assertFalse(data.path("root_instance_id").asText().isBlank());
        assertTrue(data.path("database").asText().startsWith(System.getProperty("procos.it.database", "h2")), data.toString());
    }

    private String deploy(BpmnModelInstance model) {
        String key = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId();
        repositoryService.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
        return key;
    }

    private String awaitEnd(String processInstanceId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(processInstanceId).singleResult();
            if (history != null && history.getEndTime() != null) {
                return history.getState();
            }
            Thread.sleep(100);
        }
        return "NOT_ENDED_AFTER_" + timeout;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
