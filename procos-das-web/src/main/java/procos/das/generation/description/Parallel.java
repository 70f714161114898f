package procos.das.generation.description;

import java.util.List;

/** Branches that run at the same time; the process goes on when all of them have ended. */
public record Parallel(List<Branch> branches) implements Step {

    public Parallel {
        branches = branches == null ? List.of() : List.copyOf(branches);
    }
}
