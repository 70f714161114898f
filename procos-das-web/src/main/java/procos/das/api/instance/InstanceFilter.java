package procos.das.api.instance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import procos.das.api.ApiProblem;
import procos.das.api.process.QueryText;

/**
 * The filters of the instance list, checked: a malformed one is refused with 400 naming it.
 *
 * @param state one of {@link #STATES}, or null for all
 */
public record InstanceFilter(String state, String definitionKey, String businessKey, Date startedAfter) {

    public static final Set<String> STATES = Set.of("active", "suspended", "incident", "completed", "canceled");

    public static InstanceFilter of(String state, String definitionKey, String businessKey, String startedAfter) {
        String checkedState = QueryText.optional("state", state);
        if (checkedState != null) {
            checkedState = checkedState.toLowerCase(Locale.ROOT);
            if (!STATES.contains(checkedState)) {
                throw ApiProblem.badRequest("state: one of " + String.join(", ", STATES.stream().sorted().toList()) + ", got '" + state + "'");
            }
        }
        return new InstanceFilter(checkedState, QueryText.optional("definition_key", definitionKey),
                QueryText.optional("business_key", businessKey), time("started_after", startedAfter));
    }

    /**
     * Applies the filters to a query of the engine's history, which holds running and ended instances
     * alike. Open incidents are the runtime's to know (the history records incidents only at the full
     * history level), so {@code withOpenIncidents} names the instances that have one; it is asked only
     * when the state filter is {@code incident}.
     */
    HistoricProcessInstanceQuery applyTo(HistoricProcessInstanceQuery query, Supplier<Set<String>> withOpenIncidents) {
        if (definitionKey != null) {
            query.processDefinitionKey(definitionKey);
        }
        if (businessKey != null) {
            query.processInstanceBusinessKey(businessKey);
        }
        if (startedAfter != null) {
            query.startedAfter(startedAfter);
        }
        if (state != null) {
            switch (state) {
                case "active" -> query.active();
                case "suspended" -> query.suspended();
                case "incident" -> query.processInstanceIds(withOpenIncidents.get());
                case "completed" -> query.completed();
                // Canceled by a person or a tool (this API, Camunda's REST API, Cockpit). The engine's
                // query takes one state at a time, so instances the engine itself deleted (say, with
                // their deployment) are not listed here, though they show as canceled.
                default -> query.externallyTerminated();
            }
        }
        return query;
    }

    /** ISO-8601 with an offset ({@code 2026-01-31T10:00:00Z}) or a date ({@code 2026-01-31}, midnight UTC). */
    private static Date time(String name, String value) {
        String text = QueryText.optional(name, value);
        if (text == null) {
            return null;
        }
        try {
            return Date.from(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Date.from(Instant.parse(text + "T00:00:00Z"));
            } catch (DateTimeParseException notDate) {
                throw ApiProblem.badRequest(name + ": an ISO-8601 time such as 2026-01-31T10:00:00Z, got '" + value + "'");
            }
        }
    }
}
