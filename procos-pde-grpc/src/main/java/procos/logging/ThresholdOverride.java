package procos.logging;

/** Puts the previous log threshold back when closed; returned by {@link StructuredLogger#useThreshold}. */
public final class ThresholdOverride implements AutoCloseable {

    private final LogLevel previous;

    ThresholdOverride(LogLevel previous) {
        this.previous = previous;
    }

    @Override
    public void close() {
        LogThreshold.set(previous);
    }
}
