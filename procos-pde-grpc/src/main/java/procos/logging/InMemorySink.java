package procos.logging;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps lines in memory so that tests in any module can assert on what was logged
 * (install it with {@link StructuredLogger#useSink}).
 */
public final class InMemorySink implements LogSink {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void write(String line) {
        lines.add(line);
    }

    /** A snapshot of the lines written so far, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized void clear() {
        lines.clear();
    }
}
