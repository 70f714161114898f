package procos.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns a failure into one-line text. Stack traces are left out on purpose: they break the
 * one-line-per-event contract, bloat the log and leak internals; the class and message of each
 * cause are what an operator searches for, and the event name says where it happened.
 */
final class ErrorDescription {

    /** Enough for any real wrapper chain; guards against pathological ones. */
    private static final int MAX_CAUSES = 32;

    private ErrorDescription() {
    }

    /** {@code "ExceptionClass: message"}, or just the class when there is no message. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getName();
        return message == null ? type : type + ": " + message;
    }

    /** The causes below {@code failure}, outermost first; stops at a cycle. */
    static List<String> causes(Throwable failure) {
        List<String> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        for (Throwable cause = failure.getCause();
                cause != null && seen.add(cause) && chain.size() < MAX_CAUSES;
                cause = cause.getCause()) {
            chain.add(describe(cause));
        }
        return chain;
    }
}
