package procos.pde.endpoint.script;

import procos.logging.SecretRedactor;
import procos.pde.endpoint.EndpointException;

/**
 * The error codes of the script endpoint, in one place. None is retryable: a script is code, and
 * the same code with the same inputs fails the same way, or runs as long, a second time.
 */
final class ScriptErrors {

    /** The interpreter asked for is not in {@code allowed_commands}. */
    static final String COMMAND_NOT_ALLOWED = "COMMAND_NOT_ALLOWED";
    /** An inline {@code script} on an endpoint without {@code allow_inline_scripts}. */
    static final String INLINE_SCRIPT_NOT_ALLOWED = "INLINE_SCRIPT_NOT_ALLOWED";
    /** A {@code script_file} that is absolute, climbs with {@code ..} or leads out through a link. */
    static final String PATH_OUTSIDE_SCRIPTS_DIR = "PATH_OUTSIDE_SCRIPTS_DIR";
    static final String SCRIPT_NOT_FOUND = "SCRIPT_NOT_FOUND";
    /** The script exited with a code other than 0. */
    static final String SCRIPT_FAILED = "SCRIPT_FAILED";
    static final String OUTPUT_TOO_LARGE = "OUTPUT_TOO_LARGE";
    static final String OUTPUT_NOT_JSON = "OUTPUT_NOT_JSON";
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    /** The calling thread was interrupted (the pipeline abandoned the call); the script was killed. */
    static final String CANCELLED = "CANCELLED";
    /** The work directory or the process could not be set up: a problem of the host, not of the script. */
    static final String SANDBOX_ERROR = "SANDBOX_ERROR";
    static final String UNSUPPORTED_TASK_TYPE = "UNSUPPORTED_TASK_TYPE";

    /** How much of the end of stderr an error message quotes; the end is where the reason usually is. */
    private static final int STDERR_SHOWN = 1000;

    private ScriptErrors() {
    }

    static EndpointException of(String code, String message) {
        return new EndpointException(code, message, false);
    }

    static EndpointException failed(String script, int exitCode, String stderr) {
        return of(SCRIPT_FAILED, "script " + script + " exited with code " + exitCode + stderrTail(stderr));
    }

    /** {@code ; stderr: …} with the last part of {@code stderr}, credentials masked; empty if there was none. */
    static String stderrTail(String stderr) {
        String trimmed = stderr.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        String tail = trimmed.length() > STDERR_SHOWN ? "…" + trimmed.substring(trimmed.length() - STDERR_SHOWN) : trimmed;
        return "; stderr: " + SecretRedactor.redactText(tail);
    }
}
