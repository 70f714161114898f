package procos.pde.dispatch;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import procos.logging.StructuredLogger;
import procos.pde.grpc.GrpcChannelOptions;
import procos.pde.grpc.PdeCallException;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.pipeline.InvalidTaskException;
import procos.pde.pipeline.TaskExecutor;
import procos.pde.pool.NodeConfig;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;

/**
 * Runs tasks on standalone PDE nodes instead of the local pipeline: the scale-out executor of a
 * dispatch lane. Each task goes to the next node in round-robin order, skipping nodes that were
 * unreachable ({@code UNAVAILABLE}) within the last cool-down, unless every node is cooling down.
 *
 * <p>If the chosen node is unreachable, the task goes on to the next node straight away, within
 * the same deadline: the engine would offer it again anyway after a failure, only later. Every
 * other failure ends the attempt, and no node is tried twice for one task.
 *
 * <p>The deadline is the current gRPC {@link Context}'s (the dispatcher runs each task in a
 * context whose deadline is the task's), so the node stops when the engine gives up; without one,
 * {@code fallbackDeadline} bounds the call, since a call without a deadline can hang forever.
 *
 * <p>Outcomes: the node's {@link TaskResult} is returned unchanged; {@code INVALID_ARGUMENT} throws
 * {@link InvalidTaskException} with the node's field; any other failure is returned as a
 * {@code FAILED}/{@code TIMED_OUT} result carrying the status code (see {@link RemoteFailures}).
 *
 * <p>Owns its clients: {@link #close()} closes them.
 */
public final class RemotePdeExecutor implements TaskExecutor, AutoCloseable {

    /** How long an unreachable node is passed over. Short: a restarted node is back in seconds. */
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(2);
    /** Deadline of a task when the calling context has none. */
    public static final Duration DEFAULT_FALLBACK_DEADLINE = Duration.ofSeconds(30);

    private static final StructuredLogger LOG = StructuredLogger.forComponent("dispatcher.remote");

    /**
     * One PDE node to send tasks to.
     *
     * @param id     the node's id, for logs (its {@code pde_manager.nodes[i].id})
     * @param client the node's client; owned by the executor once passed in
     */
    public record Node(String id, PdeGrpcClient client) {
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(client, "client");
        }
    }

    private final List<RemoteNode> nodes;
    private final Duration fallbackDeadline;
    private final AtomicInteger next = new AtomicInteger();

    /** Over {@code nodes}, with the default cool-down and fallback deadline. */
    public RemotePdeExecutor(List<Node> nodes) {
        this(nodes, DEFAULT_COOL_DOWN, DEFAULT_FALLBACK_DEADLINE, System::nanoTime);
    }

    /**
     * @param nodes            at least one; tried in this order, round-robin
     * @param coolDown         how long a node that was UNAVAILABLE is passed over
     * @param fallbackDeadline deadline of a task whose context has none
     * @param nanoClock        time source for cool-downs ({@code System::nanoTime}; tests pass their own)
     */
    public RemotePdeExecutor(List<Node> nodes, Duration coolDown, Duration fallbackDeadline, LongSupplier nanoClock) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a remote executor needs at least one PDE node");
        }
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(nanoClock, "nanoClock");
        this.fallbackDeadline = Objects.requireNonNull(fallbackDeadline, "fallbackDeadline");
        this.nodes = nodes.stream().map(node -> new RemoteNode(node.id(), node.client(), coolDown, nanoClock)).toList();
    }

    /**
     * Connects to the configured nodes: over TLS where a node's {@code tls} mapping enables it,
     * plaintext otherwise, with each node's bearer token if it has one (the configuration loader has
     * already substituted {@code ${VAR}} and checked that the TLS files can be read). Channels
     * connect lazily, on the first task, so an unreachable node does not stop the server from
     * starting.
     */
    public static RemotePdeExecutor forNodes(List<NodeConfig> configs) {
        List<Node> nodes = new ArrayList<>();
        try {
            for (NodeConfig config : configs) {
                GrpcChannelOptions options = GrpcChannelOptions.configured(config.address(), config.tls(), config.token());
                nodes.add(new Node(config.id(), PdeGrpcClient.connect(options)));
            }
            return new RemotePdeExecutor(nodes);
        } catch (RuntimeException e) {
            nodes.forEach(node -> node.client().close());
            throw e;
        }
    }

    @Override
    public TaskResult execute(TaskRequest request) throws InvalidTaskException {
        long started = System.nanoTime();
        Deadline contextDeadline = Context.current().getDeadline();
        Deadline deadline = contextDeadline != null ? contextDeadline
                : Deadline.after(fallbackDeadline.toNanos(), TimeUnit.NANOSECONDS);
        PdeCallException failure = null;
        for (RemoteNode node : candidates()) {
            if (failure != null && deadline.isExpired()) {
                break;
            }
            try {
                return node.execute(request, Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS))));
            } catch (PdeCallException e) {
                failure = e;
                if (e.code() == Status.Code.INVALID_ARGUMENT) {
                    throw RemoteFailures.invalidTask(e);
                }
                LOG.warn("pde_node_call_failed").with("node", node.id()).with("task_id", request.getSpec().getTaskId())
                        .with("code", e.code().name()).with("retryable", e.retryable()).durationSince(started).log();
                if (e.code() != Status.Code.UNAVAILABLE) {
                    break;
                }
            }
        }
        return RemoteFailures.asResult(request, failure, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * The nodes to try for one task, starting at the next node in turn: those not cooling down, or
     * all of them if every node is (then the least bad choice is to try anyway).
     */
    private List<RemoteNode> candidates() {
        int start = Math.floorMod(next.getAndIncrement(), nodes.size());
        List<RemoteNode> ready = new ArrayList<>(nodes.size());
        List<RemoteNode> cooling = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            RemoteNode node = nodes.get((start + i) % nodes.size());
            (node.coolingDown() ? cooling : ready).add(node);
        }
        return ready.isEmpty() ? cooling : ready;
    }

    /** The node ids, in round-robin order. */
    public List<String> nodeIds() {
        return nodes.stream().map(RemoteNode::id).toList();
    }

    /** Closes every node's client; calls in progress get a few seconds to finish. */
    @Override
    public void close() {
        for (RemoteNode node : nodes) {
            try {
                node.client().close();
            } catch (RuntimeException e) {
                LOG.warn("pde_node_close_failed").with("node", node.id()).error(e).log();
            }
        }
    }
}
