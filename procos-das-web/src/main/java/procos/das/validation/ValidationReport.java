package procos.das.validation;

import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * What {@link BpmnValidator} found in one model.
 *
 * @param findings       every finding, XML checks first, then per process in document order
 * @param model          the parsed model, or {@code null} when the file could not be parsed safely
 * @param validationHash {@link ValidationHash#compute} of the model, or {@code null} when unparseable
 * @param elapsedMicros  how long validation took
 */
public record ValidationReport(List<Finding> findings, BpmnModelInstance model,
                               String validationHash, long elapsedMicros) {

    public ValidationReport {
        findings = List.copyOf(findings);
    }

    /** True when no finding is an error: the model may be deployed. */
    public boolean passes() {
        return findings.stream().noneMatch(Finding::blocks);
    }

    /** The findings of one rule, in report order. */
    public List<Finding> findings(String rule) {
        return findings.stream().filter(finding -> finding.rule().equals(rule)).toList();
    }
}
