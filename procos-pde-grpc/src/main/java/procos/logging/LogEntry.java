package procos.logging;

import java.time.Instant;
import java.util.Map;

/**
 * A finished event with every id already resolved, so that encoding does not depend on which
 * thread runs it or on the builder that produced it.
 */
record LogEntry(
        Instant ts,
        LogLevel level,
        String component,
        String event,
        String correlationId,
        String processInstanceId,
        String peoId,
        String pdeId,
        Long durationMs,
        Throwable error,
        Map<String, Object> fields) {
}
