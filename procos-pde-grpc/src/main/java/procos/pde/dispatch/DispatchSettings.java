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
 * @param prefetch        tasks a lane locks ahead of its free slots, so a slot goes from one task
 *                        straight to the next and a backlog is fetched in batches; 0 locks only as
 *                        many as the lane can run at once
 */
public record DispatchSettings(String workerId, int maxBatch,
                               Duration lockDuration, Duration taskTimeout, int retries,
                               Duration retryBackoff, Duration safetyPoll, int prefetch) {

    /**
     * Eight tasks locked ahead per lane, as many as Camunda's own external task client takes per
     * fetch by default: with a backlog, the engine's fetch-and-lock query costs about as much for
     * one task as for eight, so fetching one at a time would spend the CPU on queries.
     */
    public static final int DEFAULT_PREFETCH = 8;

    public DispatchSettings {
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be ≥ 0, not " + prefetch);
        }
    }

    /** With {@link #DEFAULT_PREFETCH}. */
    public DispatchSettings(String workerId, int maxBatch, Duration lockDuration, Duration taskTimeout, int retries,
                            Duration retryBackoff, Duration safetyPoll) {
        this(workerId, maxBatch, lockDuration, taskTimeout, retries, retryBackoff, safetyPoll, DEFAULT_PREFETCH);
    }
}
