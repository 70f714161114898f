package procos.pde.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.dispatch.DispatchLanes;
import procos.pde.dispatch.DispatchSettings;
import procos.pde.dispatch.ExternalTaskDispatcher;
import procos.pde.dispatch.PoolExecutors;
import procos.pde.dispatch.RemotePdeExecutor;
import procos.pde.dispatch.InMemoryEngines;
import procos.pde.dispatch.WorkSignal;
import procos.pde.endpoint.EndpointFactory;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.grpc.PdeDescriber;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.PdeAllocator;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeType;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * Scale-out end to end: the packaged node jar in its own JVM, and a Camunda engine whose dispatcher
 * sends the general_purpose pool's tasks to it through {@link RemotePdeExecutor}, configured the way
 * a server would be ({@code pde_manager.nodes}). Also what happens to the engine's tasks when the
 * node crashes and comes back.
 */
class StandaloneNodeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int RETRIES = 10;
    private static final String NODE_ID = "node-it";

    /** Keeps the expected WARN lines (failed tasks) off the console; held so JUL keeps the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    @TempDir
    Path dir;

    private final SinkOverride log = StructuredLogger.useSink(new InMemorySink());
    private final WorkSignal signal = new WorkSignal();
    private final AtomicInteger localRuns = new AtomicInteger();
    private int port;
    private Path nodeConfig;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private ProcessEngine engine;
    private PoolExecutors executors;
    private ExternalTaskDispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        port = freePort();
        nodeConfig = Files.writeString(dir.resolve("pde-node.yaml"), """
                pde_manager:
                  node_id: %s
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 8
                      endpoints: [noop]
                  endpoints:
                    - id: noop
                      kind: builtin
                """.formatted(NODE_ID));
        startNode();

        engine = InMemoryEngines.start("node-it", signal);
        engine.getRepositoryService().createDeployment().addModelInstance("remote_echo.bpmn",
                Bpmn.createExecutableProcess("remote_echo").camundaHistoryTimeToLive(1)
                        .startEvent()
                        .serviceTask("echo_on_node").camundaExternalTask("echo")
                        .camundaInputParameter("pde_inputs", "{\"greeting\": \"hello from the engine\"}")
                        .endEvent().done()).deploy();

        PdeManagerConfig server = serverConfig();
        executors = DispatchLanes.executorFor(server, localPipelineThatMustNotRun());
        assertThat(executors.isRemote(PdeType.GENERAL_PURPOSE)).isTrue();
        dispatcher = new ExternalTaskDispatcher(engine.getExternalTaskService(),
                new DispatchSettings("it-server", 10, Duration.ofSeconds(30), Duration.ofSeconds(10), RETRIES,
                        Duration.ofMillis(200), Duration.ofMillis(200)),
                DispatchLanes.from(PdeAllocator.from(server), EndpointFactory.registryFor(server), executors), signal);
        dispatcher.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        try {
            if (dispatcher != null) {
                dispatcher.stop(Duration.ofSeconds(5));
            }
            if (executors != null) {
                executors.close();
            }
            if (engine != null) {
                engine.close();
            }
        } finally {
            for (NodeProcess node : nodes) {
                node.kill();
            }
            log.close();
        }
    }

    @Test
    void anEchoTaskRunsOnTheNodeAndItsOutputsBecomeProcessVariables() throws Exception {
        String id = engine.getRuntimeService().startProcessInstanceByKey("remote_echo").getId();

        awaitUntil(() -> ended(id), () -> "process " + id + " did not end");

        assertThat(history(id).getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(variable(id, "greeting")).isEqualTo("hello from the engine");
        assertThat(localRuns).as("nothing ran on the local pipeline").hasValue(0);
        try (PdeGrpcClient client = PdeGrpcClient.connect(GrpcChannelOptions.plaintext("localhost:" + port))) {
            PdeDescription description = client.describe();
            String jarName = NodeProcess.nodeJar().getFileName().toString();
            assertThat(description.getPdeId()).isEqualTo(NODE_ID);
            assertThat(description.getVersion()).as("from the jar's manifest").isNotEqualTo(PdeDescriber.UNKNOWN_VERSION);
            assertThat(jarName).as("the version is the one in the jar's name").contains("-" + description.getVersion() + "-node");
        }
        String nodeLog = lastNode().output();
        assertThat(nodeLog).contains("\"event\":\"pde_node_started\"");
        assertThat(nodeLog.lines().filter(line -> line.contains("\"event\":\"task_finished\""))
                .filter(line -> line.contains("\"pde_id\":\"" + NODE_ID + "\""))
                .filter(line -> line.contains("\"status\":\"SUCCEEDED\"")))
                .as("the node ran the task").isNotEmpty();
    }

    @Test
    void whileTheNodeIsDownTasksFailWithRetriesAndWhenItIsBackTheyComplete() throws Exception {
        lastNode().kill();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(engine.getRuntimeService().startProcessInstanceByKey("remote_echo").getId());
        }

        // Two failures each: the first sets RETRIES, the second takes one off.
        awaitUntil(() -> externalTasks().size() == 3 && externalTasks().stream()
                        .allMatch(task -> task.getRetries() != null && task.getRetries() <= RETRIES - 1),
                () -> "tasks did not fail twice: " + describe(externalTasks()));
        assertThat(externalTasks()).allSatisfy(task -> {
            assertThat(task.getErrorMessage()).startsWith("UNAVAILABLE");
            assertThat(task.getRetries()).isPositive();
        });
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).as("no incident").isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("remote_echo").count())
                .as("no process instance lost").isEqualTo(3);

        startNode(); // same port

        for (String id : ids) {
            awaitUntil(() -> ended(id), () -> "process " + id + " did not end after the node came back: "
                    + describe(externalTasks()));
            assertThat(history(id).getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
            assertThat(variable(id, "greeting")).isEqualTo("hello from the engine");
        }
        assertThat(localRuns).hasValue(0);
    }

    private void startNode() throws IOException, InterruptedException {
        NodeProcess node = NodeProcess.start(nodeConfig, port, dir.resolve("node-" + nodes.size() + ".log"));
        nodes.add(node);
        node.awaitServing(WAIT);
    }

    private NodeProcess lastNode() {
        return nodes.get(nodes.size() - 1);
    }

    /** The server's PDE manager configuration: its general_purpose pool is scaled out to the node. */
    private PdeManagerConfig serverConfig() throws Exception {
        String yaml = """
                pde_manager:
                  node_id: it-server
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 4
                      endpoints: [noop]
                      task_types: [echo]
                  endpoints:
                    - id: noop
                      kind: builtin
                  nodes:
                    - id: %s
                      address: localhost:%d
                      pde_types: [general_purpose]
                """.formatted(NODE_ID, port);
        return PdeManagerConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), name -> null);
    }

    /** Counts its runs and fails them without retries: a task reaching it would end in an incident. */
    private TaskExecutor localPipelineThatMustNotRun() {
        return request -> {
            localRuns.incrementAndGet();
            return TaskResult.newBuilder().setTaskId(request.getSpec().getTaskId()).setStatus(TaskStatus.FAILED)
                    .setError(ErrorDetail.newBuilder().setCode("LOCAL_PIPELINE_USED").setRetryable(false)).build();
        };
    }

    private List<ExternalTask> externalTasks() {
        return engine.getExternalTaskService().createExternalTaskQuery().topicName("echo").list();
    }

    private static String describe(List<ExternalTask> tasks) {
        return tasks.stream().map(task -> Map.of("id", task.getId(), "retries", String.valueOf(task.getRetries()),
                "error", String.valueOf(task.getErrorMessage()))).toList().toString();
    }

    private boolean ended(String processInstanceId) {
        HistoricProcessInstance history = history(processInstanceId);
        return history != null && history.getEndTime() != null;
    }

    private HistoricProcessInstance history(String processInstanceId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    }

    private Object variable(String processInstanceId, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(name).singleResult().getValue();
    }

    /** Polls {@code condition} until it holds or {@link #WAIT} passes; the failure says what was awaited. */
    private void awaitUntil(BooleanSupplier condition, Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get() + " within " + WAIT + "; node output:\n" + lastNode().output());
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
