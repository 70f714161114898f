package procos.das.generation.description;

import java.util.List;

/**
 * One process as a drafter describes it.
 *
 * @param name    the process name, as a noun phrase ("Order fulfilment")
 * @param domain  the business domain ({@code orders}, {@code hr}, {@code finance}, …); may be empty
 * @param roles   the roles (candidate groups) human steps are assigned to
 * @param trigger how an instance starts
 * @param steps   the steps in order; a step may nest further sequences
 */
public record ProcessDescription(String name, String domain, List<String> roles, Trigger trigger, List<Step> steps) {

    public ProcessDescription {
        roles = roles == null ? List.of() : List.copyOf(roles);
        trigger = trigger == null ? Trigger.NONE : trigger;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
