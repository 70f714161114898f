package procos.pde.pipeline;

/**
 * A task request that cannot be executed as given: a missing id, an unknown task type, a required
 * input absent, a payload too large. Names the field (a path such as {@code spec.inputs.url}) so the
 * caller can fix exactly that; gRPC maps it to {@code INVALID_ARGUMENT}, the dispatcher to a BPMN failure.
 */
public class InvalidTaskException extends Exception {

    private final String field;

    public InvalidTaskException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
