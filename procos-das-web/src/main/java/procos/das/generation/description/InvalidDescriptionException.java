package procos.das.generation.description;

import java.util.List;

/** A process description that cannot be compiled; each problem names the field (a JSON path) and the reason. */
public class InvalidDescriptionException extends Exception {

    private final List<String> problems;

    public InvalidDescriptionException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
