package procos.pde.pipeline;

import java.util.List;
import procos.pde.endpoint.Endpoint;

/**
 * What the Test block found: the endpoints able and healthy enough to run the task, and why the
 * others were left out (reported in the outcome when nothing is left).
 */
public record TestReport(List<Endpoint> candidates, List<String> excluded) {

    public TestReport {
        candidates = List.copyOf(candidates);
        excluded = List.copyOf(excluded);
    }
}
