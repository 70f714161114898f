package procos.pde.meta;

/**
 * A sub-task list or meta option that cannot be run, naming the offending input by its path below
 * the task's inputs (e.g. {@code subtasks[2].depends_on}) so the caller can fix exactly that.
 */
final class PlanException extends Exception {

    private final String path;
    private final String reason;

    PlanException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    String path() {
        return path;
    }

    String reason() {
        return reason;
    }
}
