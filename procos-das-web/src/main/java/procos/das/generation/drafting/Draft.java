package procos.das.generation.drafting;

import java.util.List;
import procos.das.generation.description.ProcessDescription;

/**
 * A drafter's answer.
 *
 * @param drafter the drafter's {@link Drafter#name()}
 * @param notes   what the drafter could not place or assumed, for the person who asked
 */
public record Draft(ProcessDescription description, String drafter, List<String> notes) {

    public Draft {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
