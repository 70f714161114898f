package procos.kernel.config;

import java.util.List;

/** Thrown when at least one setting is unusable; carries every problem found, not just the first. */
public class InvalidSettingsException extends Exception {

    private final List<ConfigProblem> problems;

    public InvalidSettingsException(List<ConfigProblem> problems) {
        super(problems.size() + " invalid setting(s): " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
