package procos.logging;

/**
 * The ids that tie a log line to the work it belongs to. They are an enum rather than free-form
 * strings so that every line uses exactly the same JSON key names and joins across services.
 */
public enum ContextField {
    CORRELATION_ID("correlation_id"),
    PROCESS_INSTANCE_ID("process_instance_id"),
    PEO_ID("peo_id"),
    PDE_ID("pde_id");

    private final String jsonKey;

    ContextField(String jsonKey) {
        this.jsonKey = jsonKey;
    }

    /** The key this id is written under, fixed so that log queries never need per-module variants. */
    public String jsonKey() {
        return jsonKey;
    }
}
