package procos.pde.pipeline;

import com.google.protobuf.Struct;
import java.util.List;
import procos.pde.v1.Attempt;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.Iteration;
import procos.pde.v1.TaskResult;
import procos.pde.v1.TaskStatus;

/**
 * What a strategy reached: the status, the accepted outputs, the history of how it got there, and
 * the sub-task tree when the endpoint had other PDEs do the work ({@code InvokeResponse.sub_results}).
 */
public record Outcome(TaskStatus status, Struct outputs, double confidence, String endpointId,
                      List<Attempt> attempts, List<Iteration> iterations, List<Finding> findings, ErrorDetail error,
                      List<TaskResult> subResults) {

    public Outcome {
        attempts = List.copyOf(attempts);
        iterations = List.copyOf(iterations);
        findings = List.copyOf(findings);
        subResults = List.copyOf(subResults);
    }

    /** An outcome without sub-tasks. */
    public Outcome(TaskStatus status, Struct outputs, double confidence, String endpointId,
                   List<Attempt> attempts, List<Iteration> iterations, List<Finding> findings, ErrorDetail error) {
        this(status, outputs, confidence, endpointId, attempts, iterations, findings, error, List.of());
    }

    /** The same outcome, reporting {@code tree} as its sub-tasks. */
    public Outcome withSubResults(List<TaskResult> tree) {
        return new Outcome(status, outputs, confidence, endpointId, attempts, iterations, findings, error, tree);
    }

    public static Outcome failed(ErrorDetail error, List<Attempt> attempts, List<Finding> findings) {
        TaskStatus status = error.getCode().equals("DEADLINE_EXCEEDED") ? TaskStatus.TIMED_OUT : TaskStatus.FAILED;
        return new Outcome(status, Struct.getDefaultInstance(), 0, "", attempts, List.of(), findings, error);
    }
}
