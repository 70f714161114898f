package procos.pde.dispatch;

import java.time.Duration;

/**
 * How the dispatcher works the engine's external tasks.
 *
 * @param workerId        the lock owner name this node uses
 * @param maxBatch        most tasks fetched by one fetch-and-lock
 * @param lockDuration    lock taken per task; extended while the task waits or runs longer
 * @param taskTimeout     deadline of one task when its spec gives none
 * @param retries         retries a task gets on its first failure
 * @param retryBackoff    wait before the engine offers a failed task again (doubles per failure)
 * @param safetyPoll      poll interval for tasks this node was not told about (created by other nodes)
 * @param prefetchPerSlot tasks a lane locks ahead per slot of its pool, so a slot goes from one task
 *                        straight to the next; 0 locks only as many as the lane can run at once
 */
public record DispatchSettings(String workerId, int maxBatch,
                               Duration lockDuration, Duration taskTimeout, int retries,
                               Duration retryBackoff, Duration safetyPoll, int prefetchPerSlot) {

    /** One task locked ahead per slot: enough to keep a slot busy while the last task is reported. */
    public static final int DEFAULT_PREFETCH_PER_SLOT = 1;

    public DispatchSettings {
        if (prefetchPerSlot < 0) {
            throw new IllegalArgumentException("prefetchPerSlot must be ≥ 0, not " + prefetchPerSlot);
        }
    }

    /** With {@link #DEFAULT_PREFETCH_PER_SLOT}. */
    public DispatchSettings(String workerId, int maxBatch, Duration lockDuration, Duration taskTimeout, int retries,
                            Duration retryBackoff, Duration safetyPoll) {
        this(workerId, maxBatch, lockDuration, taskTimeout, retries, retryBackoff, safetyPoll, DEFAULT_PREFETCH_PER_SLOT);
    }
}
