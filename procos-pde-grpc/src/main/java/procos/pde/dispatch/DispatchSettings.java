package procos.pde.dispatch;

import java.time.Duration;

/**
 * How the dispatcher works the engine's external tasks.
 *
 * @param workerId      the lock owner name this node uses
 * @param maxBatch      most tasks fetched by one fetch-and-lock
 * @param lockDuration  lock taken per task; extended while the task runs longer
 * @param taskTimeout   deadline of one task when its spec gives none
 * @param retries       retries a task gets on its first failure
 * @param retryBackoff  wait before the engine offers a failed task again (doubles per failure)
 * @param safetyPoll    poll interval for tasks this node was not told about (created by other nodes)
 */
public record DispatchSettings(String workerId, int maxBatch,
                               Duration lockDuration, Duration taskTimeout, int retries,
                               Duration retryBackoff, Duration safetyPoll) {
}
