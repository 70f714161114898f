package procos.das.generation.description;

/** The process waits for time to pass ("after 2 days"): an intermediate timer event named as a state. */
public record Wait(String name, Timer timer) implements Step {
}
