package procos.das.vector.archive;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a complete, intact vector archive this version can read. */
public class InvalidArchiveException extends IOException {

    public InvalidArchiveException(Path file, String reason) {
        super("vector archive " + file + " refused: " + reason);
    }

    public InvalidArchiveException(Path file, String reason, Throwable cause) {
        super("vector archive " + file + " refused: " + reason, cause);
    }
}
