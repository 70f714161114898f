package procos.das.api.logs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import procos.das.api.ApiProblem;
import procos.das.api.process.QueryText;

/**
 * Which structured log entries a reader wants: a component (and its sub-components: {@code pde}
 * takes {@code pde.routing}), a minimum level, a correlation id, a process instance. Each filter is
 * optional; a malformed one is refused with 400 naming it.
 */
public record LogQuery(String component, int minimumLevel, String correlationId, String processInstance) {

    /** The levels the structured logger writes, lowest first. */
    public static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

    public static LogQuery of(String component, String level, String correlationId, String processInstance) {
        String checkedLevel = QueryText.optional("level", level);
        int minimum = 0;
        if (checkedLevel != null) {
            minimum = LEVELS.indexOf(checkedLevel.toUpperCase(Locale.ROOT));
            if (minimum < 0) {
                throw ApiProblem.badRequest("level: one of " + String.join(", ", LEVELS) + ", got '" + level + "'");
            }
        }
        return new LogQuery(QueryText.optional("component", component), minimum,
                QueryText.optional("correlation_id", correlationId), QueryText.optional("process_instance", processInstance));
    }

    public boolean matches(Map<String, Object> entry) {
        Object level = entry.get("level");
        int entryLevel = level == null ? -1 : LEVELS.indexOf(level.toString());
        // An entry of a level this reader does not know is shown rather than hidden.
        if (entryLevel >= 0 && entryLevel < minimumLevel) {
            return false;
        }
        if (component != null) {
            Object entryComponent = entry.get("component");
            if (entryComponent == null || !(entryComponent.equals(component) || entryComponent.toString().startsWith(component + "."))) {
                return false;
            }
        }
        return (correlationId == null || Objects.equals(correlationId, text(entry.get("correlation_id"))))
                && (processInstance == null || Objects.equals(processInstance, text(entry.get("process_instance_id"))));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
