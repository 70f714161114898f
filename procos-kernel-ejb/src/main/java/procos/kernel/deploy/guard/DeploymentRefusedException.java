package procos.kernel.deploy.guard;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.bpmn.parser.ResourceReportImpl;

/**
 * A deployment the guard refused. It is Camunda's {@link ParseException}, with one report per
 * resource and one problem per finding, so Camunda's REST API answers 400 with the findings in
 * {@code details} and callers that already report parse errors report these the same way. The
 * message names every refusing finding's rule and element; it never carries a stack trace.
 */
public class DeploymentRefusedException extends ParseException {

    private static final long serialVersionUID = 1L;

    /** Findings quoted in the message; all of them are in the reports. */
    private static final int MAX_IN_MESSAGE = 10;

    /** @param findings per resource name, at least one of them refusing */
    public DeploymentRefusedException(Map<String, List<GuardFinding>> findings) {
        this(List.copyOf(findings.entrySet()), message(findings));
    }

    private DeploymentRefusedException(List<Map.Entry<String, List<GuardFinding>>> resources, String message) {
        super(message, resources.get(0).getKey(), errors(resources.get(0).getValue()), warnings(resources.get(0).getValue()));
        for (Map.Entry<String, List<GuardFinding>> resource : resources.subList(1, resources.size())) {
            resorceReports.add(new ResourceReportImpl(resource.getKey(), errors(resource.getValue()), warnings(resource.getValue())));
        }
    }

    private static String message(Map<String, List<GuardFinding>> findings) {
        List<String> refusing = findings.entrySet().stream()
                .flatMap(resource -> resource.getValue().stream().filter(GuardFinding::refuses)
                        .map(finding -> resource.getKey() + ": " + finding))
                .toList();
        String shown = refusing.stream().limit(MAX_IN_MESSAGE).collect(Collectors.joining("; "));
        return "Deployment refused by the deployment guard: " + shown
                + (refusing.size() > MAX_IN_MESSAGE ? "; and " + (refusing.size() - MAX_IN_MESSAGE) + " more" : "");
    }

    private static List<Problem> errors(List<GuardFinding> findings) {
        return findings.stream().filter(GuardFinding::refuses).map(Problem.class::cast).toList();
    }

    private static List<Problem> warnings(List<GuardFinding> findings) {
        return findings.stream().filter(finding -> !finding.refuses()).map(Problem.class::cast).toList();
    }
}
