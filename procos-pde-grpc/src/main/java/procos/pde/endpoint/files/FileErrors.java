package procos.pde.endpoint.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.QuotedInput;

/**
 * The error codes of the files endpoint, in one place. Messages name the path as the task gave
 * it, never a real path on disk: the real path of something outside the sandbox is exactly what
 * the sandbox must not reveal. For the same reason exceptions from the file system are reduced to
 * their type and never attached as causes (their messages carry absolute paths).
 */
final class FileErrors {

    static final String PATH_OUTSIDE_SANDBOX = "PATH_OUTSIDE_SANDBOX";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String READ_ONLY = "READ_ONLY";
    static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
    /** {@code files.write} without {@code overwrite} to a path that exists. */
    static final String FILE_EXISTS = "FILE_EXISTS";
    static final String DIRECTORY_NOT_EMPTY = "DIRECTORY_NOT_EMPTY";
    static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    static final String IO_ERROR = "IO_ERROR";
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    static final String UNSUPPORTED_TASK_TYPE = "UNSUPPORTED_TASK_TYPE";

    private static final int MAX_SHOWN = 200;

    private FileErrors() {
    }

    static EndpointException outside(String input) {
        return new EndpointException(PATH_OUTSIDE_SANDBOX, "path " + show(input) + " is outside the sandbox", false);
    }

    static EndpointException notFound(String input) {
        return new EndpointException(NOT_FOUND, "path " + show(input) + " does not exist", false);
    }

    static EndpointException tooLarge(String input, long size, long max) {
        return new EndpointException(FILE_TOO_LARGE, "path " + show(input) + ": " + size
                + " bytes is more than max_file_bytes (" + max + ")", false);
    }

    static EndpointException io(String input, String action, IOException e) {
        String code = e instanceof AccessDeniedException ? PERMISSION_DENIED : IO_ERROR;
        return new EndpointException(code, "cannot " + action + " " + show(input) + ": " + e.getClass().getSimpleName(), false);
    }

    /** The input path quoted, control characters escaped and long ones cut, safe for messages and logs. */
    static String show(String input) {
        return QuotedInput.of(input, MAX_SHOWN);
    }
}
