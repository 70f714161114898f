package procos.das.knowledge.source;

import java.util.Objects;

/**
 * One source cannot be ingested. It fails that source alone: the ingestion reports it with
 * {@link #problem()} and the message and goes on with the next source.
 */
public final class SourceException extends Exception {

    private final SourceProblem problem;

    public SourceException(SourceProblem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public SourceProblem problem() {
        return problem;
    }

    /** {@code CODE: message}, the form reports and the manifest show. */
    public String reason() {
        return problem + ": " + getMessage();
    }
}
