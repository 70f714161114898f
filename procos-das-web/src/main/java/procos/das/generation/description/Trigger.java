package procos.das.generation.description;

/**
 * How an instance starts: plainly (an API call or a person), on a schedule, or on a message.
 *
 * @param name    the start event's name, as a state ("Order received")
 * @param timer   for {@link Kind#TIMER}, the schedule (usually a cycle)
 * @param message for {@link Kind#MESSAGE}, the message name
 */
public record Trigger(Kind kind, String name, Timer timer, String message) {

    public static final Trigger NONE = new Trigger(Kind.NONE, null, null, null);

    public enum Kind { NONE, TIMER, MESSAGE }
}
