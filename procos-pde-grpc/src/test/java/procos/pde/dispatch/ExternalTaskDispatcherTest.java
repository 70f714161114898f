package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Deadline;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.Endpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.EndpointRegistry;
import procos.pde.endpoint.NoopEndpoint;
import procos.pde.pipeline.PipelineBuilder;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.PdeAllocator;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.HealthState;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/** The dispatcher against a real engine (in-memory H2) and a real pipeline. */
class ExternalTaskDispatcherTest {

    private final WorkSignal signal = new WorkSignal();
    private ProcessEngine engine;
    private ExternalTaskDispatcher dispatcher;
    private final AtomicInteger flakyCalls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        engine = InMemoryEngines.start("dispatch", signal);
        EndpointRegistry endpoints = new EndpointRegistry().register(new NoopEndpoint()).register(new ScriptedEndpoint());
        TaskExecutor pipeline = new PipelineBuilder(endpoints).firstBackoff(Duration.ofMillis(1)).build();
        PdeAllocator allocator = PdeAllocator.from(PdeManagerConfigLoader.loadDefault(name -> null));
        dispatcher = new ExternalTaskDispatcher(engine.getExternalTaskService(),
                new DispatchSettings("test-worker", 10,
                        Duration.ofSeconds(30), Duration.ofSeconds(5), 2, Duration.ZERO, Duration.ofSeconds(30)),
                DispatchLanes.from(allocator, endpoints, pool -> pipeline), signal);
        dispatcher.start();
    }

    @AfterEach
    void stop() {
        dispatcher.stop(Duration.ofSeconds(5));
        engine.close();
    }

    /** The safety poll is 30 s here: everything finishing well within it proves the commit signal wakes the dispatcher. */
    @Test
    void threeParallelTasksCompleteAndTheirOutputsReachTheProcess() throws Exception {
        deploy(Bpmn.createExecutableProcess("fan_out").camundaHistoryTimeToLive(1)
                .startEvent().parallelGateway("split")
                .serviceTask("a").camundaExternalTask("echo").camundaInputParameter("result_a", "A").parallelGateway("join")
                .moveToNode("split").serviceTask("b").camundaExternalTask("echo").camundaInputParameter("result_b", "B").connectTo("join")
                .moveToNode("split").serviceTask("c").camundaExternalTask("echo").camundaInputParameter("result_c", "C").connectTo("join")
                .moveToNode("join").endEvent().done());

        String id = engine.getRuntimeService().startProcessInstanceByKey("fan_out").getId();

        assertThat(InMemoryEngines.awaitEnd(engine, id)).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(variable(id, "result_a")).isEqualTo("A");
        assertThat(variable(id, "result_b")).isEqualTo("B");
        assertThat(variable(id, "result_c")).isEqualTo("C");
    }

    @Test
    void bpmnErrorFromTheEndpointIsCaughtByTheBoundaryEvent() throws Exception {
        deploy(Bpmn.createExecutableProcess("catches").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("risky").camundaExternalTask("bpmn-error").userTask("normal_path").endEvent()
                .moveToActivity("risky").boundaryEvent("caught").error("NOT_FOUND").userTask("handled").endEvent().done());

        String id = engine.getRuntimeService().startProcessInstanceByKey("catches").getId();

        awaitActivity(id, "handled");
        assertThat(engine.getRuntimeService().getActiveActivityIds(id)).containsExactly("handled");
    }

    @Test
    void failingTaskIsRetriedThenRaisesAnIncident() throws Exception {
        deploy(Bpmn.createExecutableProcess("fails").camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("flaky").camundaExternalTask("flaky").endEvent().done());

        String id = engine.getRuntimeService().startProcessInstanceByKey("fails").getId();

        Incident incident = awaitIncident(id);
        assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        assertThat(incident.getIncidentMessage()).contains("UNAVAILABLE");
        // the first run and 2 engine retries, each a pipeline run of 3 attempts on the endpoint
        assertThat(flakyCalls).hasValue(9);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count())
                .as("the instance waits for an operator, it is not lost").isEqualTo(1);
    }

    @Test
    void aSaturatedPoolLocksOnlyItsWindowAndLeavesTheRestWaitingInTheEngine() throws Exception {
        BlockingEndpoint hold = new BlockingEndpoint();
        restartWithOneBlockingSlot(hold, settings(Duration.ofSeconds(30), Duration.ofMillis(200), 1));
        deployHold("blocks");

        List<String> ids = List.of(start("blocks"), start("blocks"), start("blocks"), start("blocks"));
        awaitCondition(() -> hold.running.get() == 1);
        Thread.sleep(500); // several fetch rounds pass while the only slot is busy

        assertThat(hold.running).as("one slot: one task runs").hasValue(1);
        assertThat(lockedCount()).as("the running task and one fetched ahead for its slot").isEqualTo(2);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().notLocked().count())
                .as("the others wait in the engine, not in a queue of ours").isEqualTo(2);
        hold.release();
        assertAllCompleted(ids);
    }

    @Test
    void aLaneLoadShowsTheTaskRunningOnTheSlotAndTheOneWaitingForIt() throws Exception {
        BlockingEndpoint hold = new BlockingEndpoint();
        restartWithOneBlockingSlot(hold, settings(Duration.ofSeconds(30), Duration.ofMillis(200), 1));
        deployHold("blocks");

        List<String> ids = List.of(start("blocks"), start("blocks"), start("blocks"));
        awaitCondition(() -> hold.running.get() == 1 && lockedCount() == 2);

        assertThat(dispatcher.loads()).singleElement().satisfies(load -> {
            assertThat(load.pool().inFlight()).isEqualTo(1);
            assertThat(load.held()).isEqualTo(2);
            assertThat(load.queued()).isEqualTo(1);
        });
        hold.release();
        assertAllCompleted(ids);
    }

    @Test
    void withoutPrefetchASaturatedPoolLocksOnlyTheTasksItRuns() throws Exception {
        BlockingEndpoint hold = new BlockingEndpoint();
        restartWithOneBlockingSlot(hold, settings(Duration.ofSeconds(30), Duration.ofMillis(200), 0));
        deployHold("blocks");

        List<String> ids = List.of(start("blocks"), start("blocks"), start("blocks"));
        awaitCondition(() -> hold.running.get() == 1);
        Thread.sleep(500);

        assertThat(lockedCount()).isEqualTo(1);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().notLocked().count()).isEqualTo(2);
        hold.release();
        assertAllCompleted(ids);
    }

    /**
     * The engine takes its time recording an outcome (complete blocks until released): the slot does
     * not wait for it, the next task runs meanwhile.
     */
    @Test
    void aSlotRunsTheNextTaskWhileTheEngineIsStillRecordingTheLastOutcome() throws Exception {
        CountDownLatch engineRecords = new CountDownLatch(1);
        AtomicInteger completesStarted = new AtomicInteger();
        BlockingEndpoint passing = BlockingEndpoint.open();
        restartWithOneBlockingSlot(slowToComplete(engine.getExternalTaskService(), engineRecords, completesStarted),
                passing, settings(Duration.ofSeconds(30), Duration.ofSeconds(30), 1));
        deployHold("pipelined");

        List<String> ids = List.of(start("pipelined"), start("pipelined"));

        awaitCondition(() -> passing.invocations.get() == 2);
        assertThat(completesStarted).as("the first outcome is still being recorded").hasValue(1);
        engineRecords.countDown();
        assertAllCompleted(ids);
    }

    @Test
    void stoppingGivesATaskFetchedAheadBackToTheEngineAtOnce() throws Exception {
        BlockingEndpoint hold = new BlockingEndpoint();
        restartWithOneBlockingSlot(hold, settings(Duration.ofMinutes(5), Duration.ofSeconds(30), 1));
        deployHold("stops");
        String first = start("stops");
        awaitCondition(() -> hold.running.get() == 1);
        String second = start("stops");
        awaitCondition(() -> lockedCount() == 2);

        Thread stopping = new Thread(() -> dispatcher.stop(Duration.ofSeconds(10)));
        stopping.start();
        Thread.sleep(300);
        hold.release(); // the running task finishes within the grace; the waiting one never starts
        stopping.join(15_000);

        assertThat(InMemoryEngines.awaitEnd(engine, first)).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(hold.invocations).as("only the task that was running ran").hasValue(1);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(second).notLocked().count())
                .as("unlocked at stop, not after its 5-minute lock").isEqualTo(1);
    }

    /**
     * Lock 5 s, extended every 2.5 s: one task runs and one waits for the slot for more than two lock
     * durations, yet no other worker can take either, and each endpoint call happens exactly once.
     */
    @Test
    void locksOfRunningAndWaitingTasksAreExtendedSoNoOtherWorkerTakesThem() throws Exception {
        BlockingEndpoint hold = new BlockingEndpoint();
        restartWithOneBlockingSlot(hold, settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1));
        deployHold("long");
        List<String> ids = List.of(start("long"), start("long"));
        awaitCondition(() -> hold.running.get() == 1 && lockedCount() == 2);
        java.util.Date firstExpiry = engine.getExternalTaskService().createExternalTaskQuery().locked().list().stream()
                .map(task -> task.getLockExpirationTime()).max(java.util.Comparator.naturalOrder()).orElseThrow();

        Thread.sleep(12_000); // the locks taken at fetch have long expired

        assertThat(engine.getExternalTaskService().createExternalTaskQuery().locked().list()).hasSize(2).allSatisfy(task -> {
            assertThat(task.getWorkerId()).isEqualTo("test-worker");
            assertThat(task.getLockExpirationTime()).as("extended while running or waiting").isAfter(firstExpiry);
        });
        assertThat(engine.getExternalTaskService().fetchAndLock(10, "intruder").topic("hold", 60_000).execute())
                .as("no other worker can take a task whose lock is kept alive").isEmpty();

        hold.release();
        assertAllCompleted(ids);
        assertThat(hold.invocations).as("each task ran once").hasValue(2);
    }

    /**
     * A run of this node died holding two tasks for 10 minutes, and another node holds a third. The
     * restarted node (same worker id) unlocks its own two before it fetches, and runs them at once;
     * the other node's lock stays.
     */
    @Test
    void atStartTheLocksAnEarlierRunOfThisNodeLeftAreReleasedAndItsTasksRunAtOnce() throws Exception {
        dispatcher.stop(Duration.ofSeconds(5));
        deployHold("crashed");
        List<String> ids = List.of(start("crashed"), start("crashed"), start("crashed"));
        ExternalTaskService tasks = engine.getExternalTaskService();
        assertThat(tasks.fetchAndLock(2, "test-worker").topic("hold", Duration.ofMinutes(10).toMillis()).execute()).hasSize(2);
        assertThat(tasks.fetchAndLock(1, "other-node").topic("hold", Duration.ofMinutes(10).toMillis()).execute()).hasSize(1);
        String othersTask = tasks.createExternalTaskQuery().workerId("other-node").singleResult().getProcessInstanceId();
        BlockingEndpoint passing = BlockingEndpoint.open();

        restartWithOneBlockingSlot(passing, settings(Duration.ofMinutes(10), Duration.ofSeconds(30), 1));

        for (String id : ids.stream().filter(id -> !id.equals(othersTask)).toList()) {
            assertThat(InMemoryEngines.awaitEnd(engine, id)).as("instance " + id).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        }
        assertThat(passing.invocations).hasValue(2);
        assertThat(tasks.createExternalTaskQuery().locked().list()).singleElement()
                .satisfies(task -> assertThat(task.getWorkerId()).as("another node's lock is its own").isEqualTo("other-node"));
    }

    private static DispatchSettings settings(Duration lock, Duration safetyPoll, int prefetch) {
        return new DispatchSettings("test-worker", 10, lock, Duration.ofSeconds(60), 2, Duration.ZERO, safetyPoll, prefetch);
    }

    private void assertAllCompleted(List<String> ids) throws InterruptedException {
        for (String id : ids) {
            assertThat(InMemoryEngines.awaitEnd(engine, id)).as("instance " + id).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        }
    }

    private long lockedCount() {
        return engine.getExternalTaskService().createExternalTaskQuery().locked().count();
    }

    private void deployHold(String key) {
        deploy(Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().serviceTask("hold").camundaExternalTask("hold").endEvent().done());
    }

    /** The real service, whose {@code complete} calls wait for {@code engineRecords} before doing their work. */
    private static ExternalTaskService slowToComplete(ExternalTaskService real, CountDownLatch engineRecords, AtomicInteger started) {
        return (ExternalTaskService) Proxy.newProxyInstance(ExternalTaskDispatcherTest.class.getClassLoader(),
                new Class<?>[] {ExternalTaskService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("complete")) {
                        started.incrementAndGet();
                        engineRecords.await();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Replaces the dispatcher with one whose only pool runs {@code endpoint}, one task at a time. */
    private void restartWithOneBlockingSlot(Endpoint endpoint, DispatchSettings settings) throws Exception {
        restartWithOneBlockingSlot(engine.getExternalTaskService(), endpoint, settings);
    }

    private void restartWithOneBlockingSlot(ExternalTaskService tasks, Endpoint endpoint, DispatchSettings settings) throws Exception {
        dispatcher.stop(Duration.ofSeconds(5));
        EndpointRegistry endpoints = new EndpointRegistry().register(endpoint);
        TaskExecutor pipeline = new PipelineBuilder(endpoints).build();
        String oneAtATime = """
                pde_manager:
                  node_id: test-node
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 1
                      endpoints: [blocking]
                  endpoints:
                    - id: blocking
                      kind: builtin
                """;
        PdeAllocator allocator = PdeAllocator.from(PdeManagerConfigLoader.load(
                new ByteArrayInputStream(oneAtATime.getBytes(StandardCharsets.UTF_8)), name -> null));
        dispatcher = new ExternalTaskDispatcher(tasks, settings, DispatchLanes.from(allocator, endpoints, pool -> pipeline), signal);
        dispatcher.start();
    }

    private String start(String key) {
        return engine.getRuntimeService().startProcessInstanceByKey(key).getId();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 30 s").isTrue();
    }

    private void deploy(BpmnModelInstance model) {
        engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn", model).deploy();
    }

    private Object variable(String processInstanceId, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(name).singleResult().getValue();
    }

    private void awaitActivity(String id, String activity) throws InterruptedException {
        for (int i = 0; i < 300 && !engine.getRuntimeService().getActiveActivityIds(id).contains(activity); i++) {
            Thread.sleep(50);
        }
    }

    private Incident awaitIncident(String id) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(id).singleResult();
            if (incident != null) {
                return incident;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no incident for " + id);
    }

    /** Task type "hold": blocks until released, counting the calls running now and all calls so far. */
    private static final class BlockingEndpoint implements Endpoint {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger invocations = new AtomicInteger();
        private final CountDownLatch release;

        /** Holds every call until {@link #release()}. */
        BlockingEndpoint() {
            this(1);
        }

        private BlockingEndpoint(int gates) {
            this.release = new CountDownLatch(gates);
        }

        /** Lets every call through at once. */
        static BlockingEndpoint open() {
            return new BlockingEndpoint(0);
        }

        void release() {
            release.countDown();
        }

        @Override
        public String id() {
            return "blocking";
        }

        @Override
        public EndpointDescription describe() {
            return EndpointDescription.newBuilder().setEndpointId("blocking")
                    .addCapabilities(Capability.newBuilder().setTaskType("hold")).build();
        }

        @Override
        public EndpointHealth health() {
            return EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build();
        }

        @Override
        public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
            invocations.incrementAndGet();
            running.incrementAndGet();
            try {
                release.await();
                return InvokeResponse.getDefaultInstance();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EndpointException("CANCELLED", "interrupted", false);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /** flaky: always unavailable; bpmn-error: answers with BPMN error NOT_FOUND. */
    private final class ScriptedEndpoint implements Endpoint {
        @Override
        public String id() {
            return "scripted";
        }

        @Override
        public EndpointDescription describe() {
            return EndpointDescription.newBuilder().setEndpointId("scripted")
                    .addCapabilities(Capability.newBuilder().setTaskType("flaky"))
                    .addCapabilities(Capability.newBuilder().setTaskType("bpmn-error")).build();
        }

        @Override
        public EndpointHealth health() {
            return EndpointHealth.newBuilder().setState(HealthState.HEALTHY).build();
        }

        @Override
        public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
            if (request.getTaskType().equals("flaky")) {
                flakyCalls.incrementAndGet();
                throw new EndpointException("UNAVAILABLE", "scripted outage", true);
            }
            return InvokeResponse.newBuilder().setError(ErrorDetail.newBuilder().setBpmnErrorCode("NOT_FOUND")
                    .setMessage("nothing there")).build();
        }
    }
}
