package it.procos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import procos.kernel.Kernel;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.InvokeResponse;

/**
 * BPMN service tasks executed by the server's PDEs through the engine's external tasks: parallel
 * branches, fallback to a second endpoint, timeouts that retry and end in an incident, BPMN errors
 * caught by the model.
 */
@ExtendWith(ArquillianExtension.class)
class PdeDispatchIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return ProcosDeployment.withTestClasses(PdeDispatchIT.class, TestEndpoint.class, TestEndpoint.Behaviour.class);
    }

    @Inject
    Kernel kernel;

    @Inject
    RuntimeService runtimeService;

    @Inject
    RepositoryService repositoryService;

    @Inject
    HistoryService historyService;

    private final List<String> registered = new ArrayList<>();

    @AfterEach
    void unregisterTestEndpoints() {
        registered.forEach(id -> endpoints().unregister(id));
    }

    @Test
    void threeParallelPdeTasksCompleteAndJoin() throws Exception {
        String id = runtimeService.startProcessInstanceByKey("pde_fanout", Map.of(
                "task_type", "echo",
                "inputs_a", "{\"result_a\": \"A\"}",
                "inputs_b", "{\"result_b\": \"B\"}",
                "inputs_c", "{\"result_c\": 3}")).getId();

        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(id));
        assertEquals("A", variable(id, "result_a"));
        assertEquals("B", variable(id, "result_b"));
        assertEquals(3, ((Number) variable(id, "result_c")).intValue());
    }

    @Test
    void taskTemplateRunsATaskInEitherMode() throws Exception {
        String deterministic = runtimeService.startProcessInstanceByKey("tde_template", Map.of(
                "task_type", "echo", "inputs", "{\"greeting\": \"hello\"}")).getId();
        String probabilistic = runtimeService.startProcessInstanceByKey("tde_template", Map.of(
                "task_type", "echo", "mode", "probabilistic", "inputs", "{\"greeting\": \"hi\"}")).getId();

        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(deterministic));
        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(probabilistic));
        assertEquals("hello", variable(deterministic, "greeting"));
        assertEquals("hi", variable(probabilistic, "greeting"));
        assertTrue(passed(probabilistic, "execute_probabilistic"));
        assertTrue(passed(deterministic, "execute_deterministic"));
    }

    @Test
    void failingEndpointFallsBackToTheNextOne() throws Exception {
        String taskType = "it.fallback." + shortId();
        TestEndpoint broken = register(new TestEndpoint("it-broken-" + shortId(), taskType, request -> {
            throw new EndpointException("INVALID_INPUT", "this endpoint refuses everything", false);
        }));
        // Degraded, so the learned router (which has no rule or history to order two healthy endpoints by)
        // still tries the broken one first and this one only as the fallback.
        TestEndpoint backup = register(new TestEndpoint("it-backup-" + shortId(), taskType, request -> InvokeResponse.newBuilder()
                .setOutputs(Struct.newBuilder().putFields("served_by", Value.newBuilder().setStringValue("backup").build())).build())
                .degraded());
        String key = deploy(singleTask(taskType, null));

        String id = runtimeService.startProcessInstanceByKey(key).getId();

        assertEquals(HistoricProcessInstance.STATE_COMPLETED, awaitEnd(id));
        assertEquals("backup", variable(id, "served_by"));
        assertEquals(1, broken.calls.get());
        assertEquals(1, backup.calls.get());
    }

    @Test
    void timeoutIsRetriedAndEndsInAnIncident() throws Exception {
        String taskType = "it.slow." + shortId();
        CountDownLatch never = new CountDownLatch(1);
        TestEndpoint slow = register(new TestEndpoint("it-slow-" + shortId(), taskType, request -> {
            never.await();
            return InvokeResponse.getDefaultInstance();
        }));
        String key = deploy(singleTask(taskType, "PT0.3S"));

        String id = runtimeService.startProcessInstanceByKey(key).getId();

        Incident incident = awaitIncident(id);
        assertTrue(incident.getIncidentMessage().contains("DEADLINE_EXCEEDED"), incident.getIncidentMessage());
        int runs = kernel.settings().dispatch().retries() + 1;
        assertEquals(runs, slow.calls.get(), "the first run and every retry reached the endpoint once");
        assertEquals(1, runtimeService.createProcessInstanceQuery().processInstanceId(id).count(), "the instance waits, it is not lost");
    }

    @Test
    void bpmnErrorFromAnEndpointIsCaughtByTheBoundaryEvent() throws Exception {
        String taskType = "it.error." + shortId();
        register(new TestEndpoint("it-error-" + shortId(), taskType, request -> InvokeResponse.newBuilder()
                .setError(ErrorDetail.newBuilder().setBpmnErrorCode("NOT_FOUND").setMessage("no such customer")).build()));
        String key = "it_catch_" + shortId();
        deploy(Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("lookup").camundaExternalTask(taskType).userTask("found").endEvent()
                .moveToActivity("lookup").boundaryEvent("not_found").error("NOT_FOUND").userTask("handle_not_found").endEvent()
                .done());

        String id = runtimeService.startProcessInstanceByKey(key).getId();

        await(() -> runtimeService.getActiveActivityIds(id).contains("handle_not_found"));
        assertEquals(List.of("handle_not_found"), runtimeService.getActiveActivityIds(id));
    }

    private TestEndpoint register(TestEndpoint endpoint) {
        endpoints().register(endpoint);
        registered.add(endpoint.id());
        return endpoint;
    }

    private EndpointRegistry endpoints() {
        return kernel.pdes().orElseThrow().endpoints();
    }

    private BpmnModelInstance singleTask(String taskType, String timeout) {
        var task = Bpmn.createExecutableProcess("it_task_" + shortId()).camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("work").camundaExternalTask(taskType);
        if (timeout != null) {
            task = task.camundaInputParameter("pde_timeout", timeout);
        }
        return task.endEvent().done();
    }

    private String deploy(BpmnModelInstance model) {
        String key = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId();
        repositoryService.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
        return key;
    }

    private Object variable(String processInstanceId, String name) {
        var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(name).singleResult();
        assertNotNull(variable, "variable " + name);
        return variable.getValue();
    }

    private boolean passed(String processInstanceId, String activityId) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(activityId).finished().count() == 1;
    }

    private String awaitEnd(String processInstanceId) throws InterruptedException {
        await(() -> historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getEndTime() != null);
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getState();
    }

    private Incident awaitIncident(String processInstanceId) throws InterruptedException {
        await(() -> runtimeService.createIncidentQuery().processInstanceId(processInstanceId).count() > 0);
        return runtimeService.createIncidentQuery().processInstanceId(processInstanceId).singleResult();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
