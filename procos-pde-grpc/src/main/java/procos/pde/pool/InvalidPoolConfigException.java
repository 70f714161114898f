package procos.pde.pool;

import java.util.List;

/**
 * The PDE manager configuration cannot be used. Carries every problem found, in document order,
 * so the operator fixes the whole file in one round instead of one error per restart.
 */
public class InvalidPoolConfigException extends Exception {

    private final String source;
    private final List<PoolConfigProblem> problems;

    public InvalidPoolConfigException(String source, List<PoolConfigProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** Where the configuration came from: a file path, a classpath resource, or a stream label. */
    public String source() {
        return source;
    }

    public List<PoolConfigProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<PoolConfigProblem> problems) {
        StringBuilder text = new StringBuilder("invalid PDE manager configuration ")
                .append(source).append(" (").append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        for (PoolConfigProblem problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }
}
