package procos.das.generation.governance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail of generated processes: one line of the audit file.
 *
 * @param time           when it happened
 * @param event          what happened
 * @param actor          the authenticated user who did it
 * @param processKey     the process (definition key) concerned
 * @param version        the deployed version, when there is one
 * @param generationId   the generation run the process came from, when known
 * @param intent         the intent the process was generated from, when known
 * @param validationHash the hash of the validated model, which ties approval to exactly what was checked
 * @param details        a comment (why it was rejected) or details (what a rollback migrated)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        @JsonProperty("time") Instant time,
        @JsonProperty("event") AuditEventType event,
        @JsonProperty("actor") String actor,
        @JsonProperty("process_key") String processKey,
        @JsonProperty("version") Integer version,
        @JsonProperty("generation_id") String generationId,
        @JsonProperty("intent") String intent,
        @JsonProperty("validation_hash") String validationHash,
        @JsonProperty("details") String details) {

    /** Longest intent or details kept: the trail records what happened, it is no place for documents. */
    public static final int MAX_TEXT = 16_384;

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an audit event needs the actor who caused it");
        }
        if (processKey == null || processKey.isBlank()) {
            throw new IllegalArgumentException("an audit event needs the process key it concerns");
        }
        intent = capped(intent);
        details = capped(details);
    }

    /** An event happening now, with nothing but who did what to which process; add the rest with the {@code with…} methods. */
    public static AuditEvent now(AuditEventType event, String actor, String processKey) {
        return new AuditEvent(Instant.now(), event, actor, processKey, null, null, null, null, null);
    }

    public AuditEvent withVersion(Integer version) {
        return new AuditEvent(time, event, actor, processKey, version, generationId, intent, validationHash, details);
    }

    public AuditEvent withGenerationId(String generationId) {
        return new AuditEvent(time, event, actor, processKey, version, generationId, intent, validationHash, details);
    }

    public AuditEvent withIntent(String intent) {
        return new AuditEvent(time, event, actor, processKey, version, generationId, intent, validationHash, details);
    }

    public AuditEvent withValidationHash(String validationHash) {
        return new AuditEvent(time, event, actor, processKey, version, generationId, intent, validationHash, details);
    }

    public AuditEvent withDetails(String details) {
        return new AuditEvent(time, event, actor, processKey, version, generationId, intent, validationHash, details);
    }

    private static String capped(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "… (truncated)";
    }
}
