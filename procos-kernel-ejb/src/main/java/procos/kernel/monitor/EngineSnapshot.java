package procos.kernel.monitor;

import java.time.Instant;

/**
 * The engine's state at one monitor tick.
 *
 * @param takenAt              when it was read
 * @param openIncidents        incidents not yet resolved
 * @param executableJobs       jobs due now with retries left (the job executor's backlog)
 * @param failedJobs           jobs with no retries left
 * @param activeInstances      running (not suspended) process instances
 * @param openExternalTasks    external tasks waiting for a worker
 */
public record EngineSnapshot(Instant takenAt, long openIncidents, long executableJobs, long failedJobs,
                             long activeInstances, long openExternalTasks) {

    public static EngineSnapshot none() {
        return new EngineSnapshot(Instant.EPOCH, 0, 0, 0, 0, 0);
    }

    /** Same counts, ignoring when they were taken: used to log only changes. */
    public boolean sameCountsAs(EngineSnapshot other) {
        return openIncidents == other.openIncidents && executableJobs == other.executableJobs
                && failedJobs == other.failedJobs && activeInstances == other.activeInstances
                && openExternalTasks == other.openExternalTasks;
    }
}
