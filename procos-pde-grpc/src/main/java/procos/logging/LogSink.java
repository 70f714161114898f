package procos.logging;

/**
 * Where finished lines go. Kept to a single method so that tests, embedding hosts and future
 * shippers can plug in without knowing anything about events or JSON.
 *
 * <p>Implementations must be thread-safe and must write each line whole (never interleaved with
 * another). They may throw; the logger catches failures so that callers never see them.
 */
@FunctionalInterface
public interface LogSink {

    /** Writes one complete line; {@code line} has no line terminator. */
    void write(String line);
}
