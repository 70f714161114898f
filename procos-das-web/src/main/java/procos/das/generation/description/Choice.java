package procos.das.generation.description;

import java.util.List;

/**
 * An exclusive choice: the first branch whose condition holds is taken. Exactly one branch has no
 * condition: the default, taken when none holds (so an instance never gets stuck at the gateway).
 *
 * @param question the gateway's name, as a question ("Items available?")
 */
public record Choice(String question, List<Branch> branches) implements Step {

    public Choice {
        branches = branches == null ? List.of() : List.copyOf(branches);
    }
}
