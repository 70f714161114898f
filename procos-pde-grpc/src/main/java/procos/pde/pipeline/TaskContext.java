package procos.pde.pipeline;

import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;
import procos.pde.v1.Mode;
import procos.pde.v1.TaskSpec;

/**
 * One task on its way through the pipeline, as the Start block prepared it: the spec, the mode it
 * runs in, the one deadline every later block and endpoint call must respect, and when it started.
 */
public record TaskContext(TaskSpec spec, Mode mode, Deadline deadline, long startedNanos, String pdeId) {

    public String taskId() {
        return spec.getTaskId();
    }

    public String taskType() {
        return spec.getTaskType();
    }

    public long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
