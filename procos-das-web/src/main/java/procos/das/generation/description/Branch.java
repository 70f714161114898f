package procos.das.generation.description;

import java.util.List;

/**
 * One branch of a {@link Choice} or {@link Parallel}.
 *
 * @param label     the flow's name ("yes", "rejected")
 * @param condition when the branch of a choice is taken; {@code null} for the default branch and in a parallel
 * @param steps     the branch's steps; may be empty (the branch goes straight to the join)
 */
public record Branch(String label, Condition condition, List<Step> steps) {

    public Branch {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
