package procos.logging;

import java.util.Arrays;
import java.util.Objects;

/**
 * The ids of the work the current thread is doing, so that deep code can log without every method
 * passing correlation and process ids around (the role an MDC plays elsewhere).
 *
 * <p>Values are only ever changed through a {@link Scope} opened in try-with-resources, which puts
 * the previous values back on close. That keeps pooled threads (EJB, gRPC executors) from leaking
 * one request's ids into the next, and makes nested scopes behave.
 *
 * <pre>{@code
 * try (LogContext.Scope s = LogContext.with(LogContext.CORRELATION_ID, "abc")
 *                                     .and(LogContext.PROCESS_INSTANCE_ID, "pi-1").open()) {
 *     ...
 * }
 * }</pre>
 *
 * To carry the ids to another thread, {@link #capture()} them and {@code open()} there.
 */
public final class LogContext {

    public static final ContextField CORRELATION_ID = ContextField.CORRELATION_ID;
    public static final ContextField PROCESS_INSTANCE_ID = ContextField.PROCESS_INSTANCE_ID;
    public static final ContextField PEO_ID = ContextField.PEO_ID;
    public static final ContextField PDE_ID = ContextField.PDE_ID;

    private static final int SIZE = ContextField.values().length;
    private static final ThreadLocal<String[]> CURRENT = ThreadLocal.withInitial(() -> new String[SIZE]);

    private LogContext() {
    }

    /** Starts a set of values to open as a scope; {@code null} clears the field inside the scope. */
    public static Bindings with(ContextField field, String value) {
        return Bindings.EMPTY.and(field, value);
    }

    /** The current thread's value, or {@code null}. */
    public static String get(ContextField field) {
        return CURRENT.get()[Objects.requireNonNull(field, "field").ordinal()];
    }

    /**
     * All current values (including absent ones), so that a task handed to another thread can open
     * them there and log as part of the same work.
     */
    public static Bindings capture() {
        String[] values = CURRENT.get().clone();
        boolean[] set = new boolean[SIZE];
        Arrays.fill(set, true);
        return new Bindings(values, set);
    }

    /**
     * An immutable set of context values waiting to be opened; immutable so that a captured set can
     * be opened on several threads at once.
     */
    public static final class Bindings {
        private static final Bindings EMPTY = new Bindings(new String[SIZE], new boolean[SIZE]);

        private final String[] values;
        private final boolean[] set;

        private Bindings(String[] values, boolean[] set) {
            this.values = values;
            this.set = set;
        }

        /** Adds one more value; {@code null} clears the field inside the scope. */
        public Bindings and(ContextField field, String value) {
            int i = Objects.requireNonNull(field, "field").ordinal();
            String[] v = values.clone();
            boolean[] s = set.clone();
            v[i] = value;
            s[i] = true;
            return new Bindings(v, s);
        }

        /** Applies the values to the current thread until the returned scope is closed. */
        public Scope open() {
            String[] current = CURRENT.get();
            String[] previous = current.clone();
            for (int i = 0; i < SIZE; i++) {
                if (set[i]) {
                    current[i] = values[i];
                }
            }
            return new Scope(previous, set);
        }
    }

    /**
     * Puts back the values that were current when it was opened. Close it on the thread that opened
     * it; closing twice is harmless.
     */
    public static final class Scope implements AutoCloseable {
        private final String[] previous;
        private final boolean[] changed;
        private boolean closed;

        private Scope(String[] previous, boolean[] changed) {
            this.previous = previous;
            this.changed = changed;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            String[] current = CURRENT.get();
            boolean empty = true;
            for (int i = 0; i < SIZE; i++) {
                if (changed[i]) {
                    current[i] = previous[i];
                }
                empty &= current[i] == null;
            }
            if (empty) {
                CURRENT.remove(); // pooled threads keep nothing once the outermost scope is closed
            }
        }
    }
}
