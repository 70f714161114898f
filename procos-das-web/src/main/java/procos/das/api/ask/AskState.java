package procos.das.api.ask;

/**
 * Where a question asked with {@code POST /ask/async} stands.
 *
 * @param id     the {@code rag_query} process instance's id
 * @param state  {@code running}, {@code done} or {@code failed}
 * @param answer the answer once done, else null
 * @param error  why it failed (an incident's message, a cancellation), else null
 */
public record AskState(String id, String state, AskAnswer answer, String error) {

    static AskState running(String id) {
        return new AskState(id, "running", null, null);
    }
}
