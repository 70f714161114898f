package procos.logging;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry point for writing events. One instance per component, usually a constant:
 *
 * <pre>{@code
 * private static final StructuredLogger LOG = StructuredLogger.forComponent("kernel");
 * LOG.info("kernel_ready").with("deployed", 3).durationMs(42).log();
 * LOG.error("engine_failed").error(ex).with("db_url", url).log();
 * }</pre>
 *
 * <p>Events are named by a stable snake_case {@code event} instead of a prose message so that
 * dashboards and alerts can match them without parsing text. Logging never throws into the caller:
 * a diagnostic aid must not be able to fail the business operation it describes.
 */
public final class StructuredLogger {

    private final String component;
    private final ServerLogForwarder serverLog;

    private StructuredLogger(String component) {
        this.component = component;
        this.serverLog = new ServerLogForwarder(component);
    }

    /** A logger whose lines carry {@code component}; a blank name becomes {@code "unknown"}. */
    public static StructuredLogger forComponent(String component) {
        return new StructuredLogger(component == null || component.isBlank() ? "unknown" : component);
    }

    /**
     * Sends every line to {@code sink} until the returned override is closed, which puts the
     * previous sink back. Meant for tests and for embedding hosts that own the output.
     */
    public static SinkOverride useSink(LogSink sink) {
        return LogOutput.install(Objects.requireNonNull(sink, "sink"));
    }

    /**
     * The file lines are written to now, when the active sink is a file (see {@code procos.log.file}),
     * so that a reader of the log — the console's log view — reads the file this process writes.
     */
    public static Optional<Path> logFile() {
        return LogOutput.active() instanceof FileSink file ? Optional.of(file.path()) : Optional.empty();
    }

    /**
     * Sets the least severe level written (see {@code procos.log.level}) until the returned handle
     * is closed. Meant for tests and for hosts that take the level from their own configuration.
     */
    public static ThresholdOverride useThreshold(LogLevel level) {
        return new ThresholdOverride(LogThreshold.set(Objects.requireNonNull(level, "level")));
    }

    /** Whether events of {@code level} are written at all; for callers whose event is costly to build. */
    public static boolean isEnabled(LogLevel level) {
        return LogThreshold.enabled(level);
    }

    public String component() {
        return component;
    }

    public LogEvent debug(String event) {
        return at(LogLevel.DEBUG, event);
    }

    public LogEvent info(String event) {
        return at(LogLevel.INFO, event);
    }

    public LogEvent warn(String event) {
        return at(LogLevel.WARN, event);
    }

    public LogEvent error(String event) {
        return at(LogLevel.ERROR, event);
    }

    /** For callers that choose the level at run time. */
    public LogEvent at(LogLevel level, String event) {
        return new LogEvent(this, Objects.requireNonNull(level, "level"), event);
    }

    /** The one place a finished event turns into output, so the no-throw guarantee lives here. */
    void emit(LogEntry entry) {
        try {
            String line = LogLineEncoder.encode(entry);
            LogOutput.write(line);
            serverLog.forward(entry.level(), line);
        } catch (RuntimeException e) {
            LogOutput.reportFailure("could not log event " + entry.event() + " of " + component, e);
        }
    }
}
