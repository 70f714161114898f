package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Context;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import procos.logging.InMemorySink;
import procos.logging.SinkOverride;
import procos.logging.StructuredLogger;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.grpc.PdeGrpcServer;
import procos.pde.grpc.PdeServerOptions;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.v1.PdeDescription;
import procos.pde.v1.PdeServiceGrpc;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskSpec;
import procos.pde.v1.TaskStatus;

/** The remote executor against real PDE gRPC servers on the in-process transport. */
class RemotePdeExecutorTest {

    private static final Duration COOL_DOWN = Duration.ofSeconds(2);
    /** Keeps forwarded WARN lines (expected here) out of the test console; held so JUL keeps the setting. */
    private static final Logger QUIET_SERVER_LOG = Logger.getLogger("procos");

    static {
        QUIET_SERVER_LOG.setUseParentHandlers(false);
    }

    private final SinkOverride log = StructuredLogger.useSink(new InMemorySink());
    private final Map<String, String> serverNames = new HashMap<>();
    private final Map<String, PdeGrpcServer> servers = new HashMap<>();
    private final List<Server> rawServers = new ArrayList<>();
    /** The executors' clock for cool-downs; advanced by hand. */
    private final AtomicLong clock = new AtomicLong();
    private final ScheduledExecutorService deadlineTimer = Executors.newSingleThreadScheduledExecutor();
    private RemotePdeExecutor executor;

    @AfterEach
    void tearDown() throws InterruptedException {
        deadlineTimer.shutdownNow();
        if (executor != null) {
            executor.close();
        }
        for (PdeGrpcServer server : servers.values()) {
            server.stop(Duration.ZERO);
        }
        rawServers.forEach(Server::shutdownNow);
        log.close();
    }

    /** A PDE node named {@code id}: answers SUCCEEDED with its id as pde_id; task type "invalid" is refused. */
    private void startNode(String id) throws IOException {
        String name = serverNames.computeIfAbsent(id, ignored -> InProcessServerBuilder.generateName());
        TaskExecutor node = request -> {
            if (request.getSpec().getTaskType().equals("invalid")) {
                throw new InvalidTaskException("spec.inputs.url", "required");
            }
            if (request.getSpec().getTaskType().equals("slow")) {
                awaitCancellation();
            }
            return TaskResult.newBuilder().setTaskId(request.getSpec().getTaskId())
                    .setStatus(TaskStatus.SUCCEEDED).setPdeId(id).build();
        };
        PdeGrpcServer server = new PdeGrpcServer(InProcessServerBuilder.forName(name), node,
                () -> PdeDescription.newBuilder().setPdeId(id).build(), PdeServerOptions.dev()).start();
        servers.put(id, server);
    }

    private void stopNode(String id) throws InterruptedException {
        servers.remove(id).stop(Duration.ZERO);
    }

    private RemotePdeExecutor executorOver(String... ids) {
        List<RemotePdeExecutor.Node> nodes = new ArrayList<>();
        for (String id : ids) {
            String name = serverNames.computeIfAbsent(id, ignored -> InProcessServerBuilder.generateName());
            nodes.add(new RemotePdeExecutor.Node(id, new PdeGrpcClient(InProcessChannelBuilder.forName(name).build(), null)));
        }
        executor = new RemotePdeExecutor(nodes, COOL_DOWN, Duration.ofSeconds(10), clock::get);
        return executor;
    }

    private static TaskRequest task(String taskId, String taskType) {
        return TaskRequest.newBuilder().setSpec(TaskSpec.newBuilder().setTaskId(taskId).setTaskType(taskType)).build();
    }

    private List<String> runTasks(int count) throws InvalidTaskException {
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaskResult result = executor.execute(task("t-" + i, "echo"));
            assertThat(result.getStatus()).as("task %d: %s", i, result.getError()).isEqualTo(TaskStatus.SUCCEEDED);
            servedBy.add(result.getPdeId());
        }
        return servedBy;
    }

    @Test
    void tasksAlternateBetweenTheNodes() throws Exception {
        startNode("node-a");
        startNode("node-b");
        executorOver("node-a", "node-b");

        assertThat(runTasks(4)).containsExactly("node-a", "node-b", "node-a", "node-b");
        assertThat(executor.nodeIds()).containsExactly("node-a", "node-b");
    }

    @Test
    void aStoppedNodeIsPassedOverAndItsTaskGoesToTheOtherNode() throws Exception {
        startNode("node-a");
        startNode("node-b");
        executorOver("node-a", "node-b");
        assertThat(runTasks(2)).containsExactly("node-a", "node-b");

        stopNode("node-a");

        // node-a's turn fails over to node-b; then node-a is cooling down and skipped entirely.
        assertThat(runTasks(3)).containsOnly("node-b");
    }

    @Test
    void aNodeIsTriedAgainOnceItsCoolDownHasPassed() throws Exception {
        startNode("node-a");
        startNode("node-b");
        executorOver("node-a", "node-b");
        stopNode("node-a");
        assertThat(runTasks(2)).containsOnly("node-b");

        startNode("node-a");
        assertThat(runTasks(2)).as("still cooling down").containsOnly("node-b");
        clock.addAndGet(COOL_DOWN.toNanos());

        assertThat(runTasks(2)).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    void withEveryNodeGoneTheTaskFailsRetryablyWithUnavailable() throws Exception {
        startNode("node-a");
        startNode("node-b");
        executorOver("node-a", "node-b");
        stopNode("node-a");
        stopNode("node-b");

        TaskResult first = executor.execute(task("t-gone-1", "echo"));
        TaskResult second = executor.execute(task("t-gone-2", "echo")); // every node cooling down: tried anyway

        for (TaskResult result : List.of(first, second)) {
            assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
            assertThat(result.getError().getCode()).isEqualTo("UNAVAILABLE");
            assertThat(result.getError().getRetryable()).isTrue();
        }
        assertThat(first.getTaskId()).isEqualTo("t-gone-1");
    }

    @Test
    void aNodeThatComesBackAfterEveryNodeFailedServesAgain() throws Exception {
        startNode("node-a");
        executorOver("node-a");
        stopNode("node-a");
        assertThat(executor.execute(task("t-down", "echo")).getError().getCode()).isEqualTo("UNAVAILABLE");

        startNode("node-a");
        clock.addAndGet(COOL_DOWN.toNanos());

        assertThat(runTasks(1)).containsExactly("node-a");
    }

    @Test
    void invalidArgumentFromTheNodeIsAnInvalidTaskNamingTheField() throws Exception {
        startNode("node-a");
        executorOver("node-a");

        InvalidTaskException invalid = catchThrowableOfType(InvalidTaskException.class,
                () -> executor.execute(task("t-invalid", "invalid")));

        assertThat(invalid.field()).isEqualTo("spec.inputs.url");
        assertThat(invalid.getMessage()).isEqualTo("spec.inputs.url: required");
    }

    @Test
    void invalidArgumentWithoutADetailNamesTheSpec() throws Exception {
        String name = InProcessServerBuilder.generateName();
        rawServers.add(InProcessServerBuilder.forName(name).addService(new PdeServiceGrpc.PdeServiceImplBase() {
            @Override
            public void execute(TaskRequest request, StreamObserver<TaskResult> responseObserver) {
                responseObserver.onError(Status.INVALID_ARGUMENT.withDescription("no such thing").asRuntimeException());
            }
        }).build().start());
        executor = new RemotePdeExecutor(List.of(new RemotePdeExecutor.Node("plain",
                new PdeGrpcClient(InProcessChannelBuilder.forName(name).build(), null))));

        InvalidTaskException invalid = catchThrowableOfType(InvalidTaskException.class,
                () -> executor.execute(task("t-plain", "echo")));

        assertThat(invalid.field()).isEqualTo("spec");
        assertThat(invalid.getMessage()).isEqualTo("spec: no such thing");
    }

    @Test
    void theCallersDeadlineBoundsTheCallAndEndsAsTimedOut() throws Exception {
        startNode("node-a");
        executorOver("node-a");

        Context.CancellableContext context = Context.current().withDeadlineAfter(200, TimeUnit.MILLISECONDS, deadlineTimer);
        TaskResult result;
        try {
            result = context.call(() -> executor.execute(task("t-slow", "slow")));
        } finally {
            context.cancel(null);
        }

        assertThat(result.getStatus()).isEqualTo(TaskStatus.TIMED_OUT);
        assertThat(result.getError().getCode()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(result.getError().getRetryable()).isTrue();
        assertThat(runTasks(1)).as("a slow node is not an unreachable one").containsExactly("node-a");
    }

    @Test
    void anotherFailureIsNotSentToTheNextNode() throws Exception {
        String name = InProcessServerBuilder.generateName();
        rawServers.add(InProcessServerBuilder.forName(name).addService(new PdeServiceGrpc.PdeServiceImplBase() {
            @Override
            public void execute(TaskRequest request, StreamObserver<TaskResult> responseObserver) {
                responseObserver.onError(Status.PERMISSION_DENIED.withDescription("wrong token").asRuntimeException());
            }
        }).build().start());
        startNode("node-b");
        String nodeB = serverNames.get("node-b");
        executor = new RemotePdeExecutor(List.of(
                new RemotePdeExecutor.Node("denies", new PdeGrpcClient(InProcessChannelBuilder.forName(name).build(), null)),
                new RemotePdeExecutor.Node("node-b", new PdeGrpcClient(InProcessChannelBuilder.forName(nodeB).build(), null))));

        TaskResult result = executor.execute(task("t-denied", "echo"));

        assertThat(result.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.getError().getCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(result.getError().getRetryable()).isFalse();
    }

    @Test
    void anEmptyNodeListIsRefused() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new RemotePdeExecutor(List.of())))
                .hasMessageContaining("at least one PDE node");
    }

    /** Blocks the node's executor until its call is cancelled (by the caller's deadline); ten seconds at most. */
    private static void awaitCancellation() {
        CountDownLatch cancelled = new CountDownLatch(1);
        Context.current().addListener(context -> cancelled.countDown(), Runnable::run);
        try {
            cancelled.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
