package procos.das.generation.description;

/**
 * The process waits for a message ("when the customer replies"): an intermediate message catch
 * event named as a state ("Reply received"), correlated by {@code message}.
 */
public record MessageWait(String name, String message) implements Step {
}
