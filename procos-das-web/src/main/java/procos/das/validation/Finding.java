package procos.das.validation;

import java.util.Objects;

/**
 * One thing validation found in a model: which rule, on which element, what is wrong. Findings are
 * data, returned to whoever asked (a drafter's repair loop, the REST API, the deployment gate).
 *
 * @param rule      the rule's stable name, e.g. {@code soundness.deadlock}
 * @param elementId the BPMN element concerned, or {@code null} for the whole model
 * @param message   what is wrong and, where it helps, how to fix it
 */
public record Finding(String rule, String elementId, String message, Severity severity) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    public static Finding error(String rule, String elementId, String message) {
        return new Finding(rule, elementId, message, Severity.ERROR);
    }

    public static Finding warning(String rule, String elementId, String message) {
        return new Finding(rule, elementId, message, Severity.WARNING);
    }

    /** An error blocks deployment; a warning is reported and lets it pass. */
    public enum Severity { ERROR, WARNING }

    public boolean blocks() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + rule + (elementId == null ? "" : " [" + elementId + "]") + ": " + message;
    }
}
