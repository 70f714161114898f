package procos.das.generation.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What happened to a generated process; the audit file and the log name it in snake case. */
public enum AuditEventType {
    PROCESS_GENERATED("process_generated"),
    PROCESS_APPROVED("process_approved"),
    PROCESS_REJECTED("process_rejected"),
    PROCESS_DEPLOYED("process_deployed"),
    PROCESS_ROLLED_BACK("process_rolled_back");

    private final String eventName;

    AuditEventType(String eventName) {
        this.eventName = eventName;
    }

    @JsonValue
    public String eventName() {
        return eventName;
    }

    @JsonCreator
    public static AuditEventType fromEventName(String name) {
        return Arrays.stream(values()).filter(type -> type.eventName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an audit event: '" + name + "'"));
    }
}
