package procos.logging;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the process-wide active sink and shields callers from its failures: a line that cannot be
 * written goes to stderr instead, and the reason is printed once, so a full disk neither breaks
 * the application nor floods stderr with the same complaint.
 */
final class LogOutput {

    private static final AtomicReference<LogSink> ACTIVE = new AtomicReference<>(DefaultSink.fromEnvironment());
    private static final AtomicBoolean FAILURE_REPORTED = new AtomicBoolean();

    private LogOutput() {
    }

    static SinkOverride install(LogSink sink) {
        return new SinkOverride(ACTIVE.getAndSet(sink));
    }

    static void restore(LogSink previous) {
        ACTIVE.set(previous);
    }

    static LogSink active() {
        return ACTIVE.get();
    }

    static void write(String line) {
        LogSink sink = ACTIVE.get();
        try {
            sink.write(line);
        } catch (RuntimeException e) {
            reportFailure("log sink " + sink + " failed; writing its lines to stderr", e);
            stderr(line);
        }
    }

    /** Tells a human, once per process, that logging is degraded; never throws. */
    static void reportFailure(String what, Throwable cause) {
        if (FAILURE_REPORTED.compareAndSet(false, true)) {
            stderr("procos.logging: " + what + ": " + ErrorDescription.describe(cause));
        }
    }

    private static void stderr(String text) {
        try {
            PrintStream err = System.err;
            err.println(text);
        } catch (RuntimeException ignored) {
            // nowhere left to write to; the caller must still not fail
        }
    }

    /** Test hook: lets a test observe the one-time report again. */
    static void resetFailureReport() {
        FAILURE_REPORTED.set(false);
    }
}
