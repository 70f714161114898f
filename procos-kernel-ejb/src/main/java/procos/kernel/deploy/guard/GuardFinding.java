package procos.kernel.deploy.guard;

import java.util.List;
import org.camunda.bpm.engine.Problem;

/**
 * One thing the guard found in a model, as data. It is also a Camunda {@link Problem}, so a refusal
 * carries it where Camunda carries its own parse errors: the REST API's {@code details} and the
 * kernel's deployment report.
 *
 * @param rule      the rule that matched
 * @param severity  {@link Severity#ERROR} refuses the deployment; {@link Severity#WARNING} records an
 *                  allowlisted use
 * @param elementId id of the nearest enclosing BPMN element that has one, or {@code null}
 * @param message   what was found and why it matters, without the rule id
 * @param line      line in the file, or 0 when unknown
 * @param column    column in the file, or 0 when unknown
 */
public record GuardFinding(GuardRule rule, Severity severity, String elementId, String message, int line, int column)
        implements Problem {

    public enum Severity { ERROR, WARNING }

    public boolean refuses() {
        return severity == Severity.ERROR;
    }

    /** The message Camunda reports: always starts with the rule id. */
    @Override
    public String getMessage() {
        return rule.id() + ": " + message;
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public String getMainElementId() {
        return elementId;
    }

    @Override
    public List<String> getElementIds() {
        return elementId == null ? List.of() : List.of(elementId);
    }

    /** Rule, element and position in one line, as logs and the refusal message show it. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(rule.id());
        if (elementId != null) {
            text.append(" at element '").append(elementId).append('\'');
        }
        if (line > 0) {
            text.append(" (line ").append(line).append(", column ").append(column).append(')');
        }
        return text.append(": ").append(message).toString();
    }
}
