package procos.pde.pipeline;

import com.google.protobuf.Struct;
import java.util.List;
import procos.pde.v1.Attempt;
import procos.pde.v1.ErrorDetail;
import procos.pde.v1.Finding;
import procos.pde.v1.Iteration;
import procos.pde.v1.TaskStatus;

/** What a strategy reached: the status, the accepted outputs, and the history of how it got there. */
public record Outcome(TaskStatus status, Struct outputs, double confidence, String endpointId,
                      List<Attempt> attempts, List<Iteration> iterations, List<Finding> findings, ErrorDetail error) {

    public Outcome {
        attempts = List.copyOf(attempts);
        iterations = List.copyOf(iterations);
        findings = List.copyOf(findings);
    }

    public static Outcome failed(ErrorDetail error, List<Attempt> attempts, List<Finding> findings) {
        TaskStatus status = error.getCode().equals("DEADLINE_EXCEEDED") ? TaskStatus.TIMED_OUT : TaskStatus.FAILED;
        return new Outcome(status, Struct.getDefaultInstance(), 0, "", attempts, List.of(), findings, error);
    }
}
