package procos.das.knowledge.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns I/O failures into {@link SourceException}s. The exception's own message is left out: for
 * files it repeats the absolute path, which the report already shows as the source id.
 */
public final class SourceErrors {

    private SourceErrors() {
    }

    /** For example {@code IO_ERROR: cannot read the source: permission denied}. */
    public static SourceException io(String action, IOException e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "it no longer exists";
        } else {
            why = e.getClass().getSimpleName();
        }
        return new SourceException(SourceProblem.IO_ERROR, "cannot " + action + " the source: " + why);
    }
}
