package procos.logging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event being assembled; nothing is written until {@link #log()}. A builder rather than
 * overloads with many parameters so call sites stay readable and adding a field never breaks one.
 * Build and log it on one thread, in one statement.
 *
 * <p>Ids set here win over the thread's {@link LogContext}, because the caller knows better than
 * the ambient context (for example when logging about another process instance). A {@code null}
 * id means "not set here", so the context value is used.
 */
public final class LogEvent {

    private final StructuredLogger logger;
    private final LogLevel level;
    private final String event;
    private final String[] ids = new String[ContextField.values().length];
    private Long durationMs;
    private Throwable error;
    private Map<String, Object> fields;

    LogEvent(StructuredLogger logger, LogLevel level, String event) {
        this.logger = logger;
        this.level = level;
        this.event = event;
    }

    /**
     * Adds an extra field after the fixed keys. Values may be strings, numbers, booleans, lists or
     * maps; anything else is written as its {@code toString()}. A key that collides with a fixed
     * key is written as {@code x_<key>} so the schema of a line can never be overwritten.
     */
    public LogEvent with(String key, Object value) {
        if (fields == null) {
            fields = new LinkedHashMap<>();
        }
        String name = String.valueOf(key);
        fields.put(LogLineEncoder.isReservedKey(name) ? "x_" + name : name, value);
        return this;
    }

    /** Adds several extra fields, in the map's iteration order. */
    public LogEvent with(Map<String, ?> extra) {
        if (extra != null) {
            extra.forEach(this::with);
        }
        return this;
    }

    public LogEvent correlationId(String value) {
        return id(ContextField.CORRELATION_ID, value);
    }

    public LogEvent processInstanceId(String value) {
        return id(ContextField.PROCESS_INSTANCE_ID, value);
    }

    public LogEvent peoId(String value) {
        return id(ContextField.PEO_ID, value);
    }

    public LogEvent pdeId(String value) {
        return id(ContextField.PDE_ID, value);
    }

    public LogEvent id(ContextField field, String value) {
        ids[Objects.requireNonNull(field, "field").ordinal()] = value;
        return this;
    }

    public LogEvent durationMs(long millis) {
        this.durationMs = millis;
        return this;
    }

    /**
     * Records the time elapsed since {@code startNanos}, a value from {@link System#nanoTime()}
     * taken when the work began, so call sites need no arithmetic and cannot mix clocks.
     */
    public LogEvent durationSince(long startNanos) {
        return durationMs((System.nanoTime() - startNanos) / 1_000_000L);
    }

    /** Attaches a failure; written as its class and message plus its causes, never a stack trace. */
    public LogEvent error(Throwable failure) {
        this.error = failure;
        return this;
    }

    /** Writes the event. Context ids and the timestamp are taken now, on the calling thread. */
    public void log() {
        if (!LogThreshold.enabled(level)) {
            return;
        }
        logger.emit(new LogEntry(
                Instant.now(),
                level,
                logger.component(),
                event,
                resolve(ContextField.CORRELATION_ID),
                resolve(ContextField.PROCESS_INSTANCE_ID),
                resolve(ContextField.PEO_ID),
                resolve(ContextField.PDE_ID),
                durationMs,
                error,
                fields == null ? Map.of() : fields));
    }

    private String resolve(ContextField field) {
        String explicit = ids[field.ordinal()];
        return explicit != null ? explicit : LogContext.get(field);
    }
}
