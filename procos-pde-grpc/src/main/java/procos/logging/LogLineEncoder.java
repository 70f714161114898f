package procos.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Owns the line schema: fixed keys in a fixed order, always present (null when unknown) so that
 * log pipelines can rely on them, then the error, then the caller's fields. Every line is redacted
 * here, as the last step before serialisation, so no code path can write an unredacted line.
 */
final class LogLineEncoder {

    /** Shared because an ObjectMapper is thread-safe once configured and costly to create. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Fixed millisecond width, unlike ISO_INSTANT, so timestamps sort and parse uniformly. */
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final Set<String> RESERVED_KEYS = Set.of(
            "ts", "level", "component", "event",
            "correlation_id", "process_instance_id", "peo_id", "pde_id",
            "duration_ms", "error", "error_chain");

    private LogLineEncoder() {
    }

    static boolean isReservedKey(String key) {
        return RESERVED_KEYS.contains(key);
    }

    static String encode(LogEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>(32);
        line.put("ts", TS.format(entry.ts()));
        line.put("level", entry.level().name());
        line.put("component", entry.component());
        line.put("event", entry.event());
        line.put(ContextField.CORRELATION_ID.jsonKey(), entry.correlationId());
        line.put(ContextField.PROCESS_INSTANCE_ID.jsonKey(), entry.processInstanceId());
        line.put(ContextField.PEO_ID.jsonKey(), entry.peoId());
        line.put(ContextField.PDE_ID.jsonKey(), entry.pdeId());
        line.put("duration_ms", entry.durationMs());
        if (entry.error() != null) {
            line.put("error", ErrorDescription.describe(entry.error()));
            line.put("error_chain", ErrorDescription.causes(entry.error()));
        }
        entry.fields().forEach((key, value) -> line.put(key, JsonSafeValues.of(value)));
        try {
            return MAPPER.writeValueAsString(SecretRedactor.redact(line));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
