package procos.das.generation.drafting.deterministic;

/**
 * Something that happens outside the process ("an order arrives", "the customer replies"), named
 * as a state for an event and as a message name for correlation.
 *
 * @param state   the event's name as a state ("Order received", "Customer reply received")
 * @param message the message name, lower snake case ("customer_reply")
 * @param subject the words of what the event is about ("order"), for pronouns that follow
 * @param namesMessage whether the text itself calls it a message, event or webhook
 */
record EventPhrase(String state, String message, String subject, boolean namesMessage) {
}
