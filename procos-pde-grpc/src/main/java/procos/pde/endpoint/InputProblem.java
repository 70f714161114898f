package procos.pde.endpoint;

import java.util.Objects;

/**
 * Why an endpoint refuses a task's inputs before running it ({@link Endpoint#checkInputs}).
 *
 * @param input  path of the offending input below {@code inputs}, e.g. {@code subtasks[2].depends_on}
 * @param reason what is wrong with it, for the caller to fix
 */
public record InputProblem(String input, String reason) {

    public InputProblem {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reason, "reason");
    }
}
