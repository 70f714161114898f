package procos.pde.dispatch;

import io.grpc.Status;
import java.time.Duration;
import java.util.function.LongSupplier;
import procos.pde.grpc.PdeCallException;
import procos.pde.grpc.PdeGrpcClient;
import procos.pde.v1.TaskRequest;
import procos.pde.v1.TaskResult;

/**
 * One PDE node as {@link RemotePdeExecutor} sees it: its client and whether it was unreachable a
 * moment ago. A node whose last call failed with {@code UNAVAILABLE} is "cooling down" for a short
 * while, during which the executor prefers other nodes instead of paying a failed call per task.
 *
 * <p>When a node that failed is called again, the channel's reconnect backoff is reset first (at
 * most once per cool-down): gRPC's own backoff grows to two minutes, so a node that restarted would
 * otherwise stay refused long after it is back. The cool-down is the only backoff that applies.
 */
final class RemoteNode {

    private final String id;
    private final PdeGrpcClient client;
    private final long coolDownNanos;
    private final LongSupplier nanoClock;
    private volatile boolean unavailable;
    private volatile long unavailableAt;
    private volatile long lastBackoffReset;
    private volatile boolean backoffResetOnce;

    RemoteNode(String id, PdeGrpcClient client, Duration coolDown, LongSupplier nanoClock) {
        this.id = id;
        this.client = client;
        this.coolDownNanos = coolDown.toNanos();
        this.nanoClock = nanoClock;
    }

    String id() {
        return id;
    }

    PdeGrpcClient client() {
        return client;
    }

    /** True while the node's last call failed with UNAVAILABLE less than a cool-down ago. */
    boolean coolingDown() {
        return unavailable && nanoClock.getAsLong() - unavailableAt < coolDownNanos;
    }

    /**
     * Sends the task; records UNAVAILABLE (starts a cool-down) and any answer (ends it).
     *
     * @throws PdeCallException when the call produced no result
     */
    TaskResult execute(TaskRequest request, Duration deadline) throws PdeCallException {
        if (unavailable) {
            resetBackoffAtMostOncePerCoolDown();
        }
        try {
            TaskResult result = client.execute(request, deadline);
            unavailable = false;
            return result;
        } catch (PdeCallException e) {
            if (e.code() == Status.Code.UNAVAILABLE) {
                unavailableAt = nanoClock.getAsLong();
                unavailable = true;
            } else {
                unavailable = false; // it answered, so it is reachable
            }
            throw e;
        }
    }

    private void resetBackoffAtMostOncePerCoolDown() {
        long now = nanoClock.getAsLong();
        if (!backoffResetOnce || now - lastBackoffReset >= coolDownNanos) {
            backoffResetOnce = true;
            lastBackoffReset = now;
            client.resetConnectBackoff();
        }
    }
}
