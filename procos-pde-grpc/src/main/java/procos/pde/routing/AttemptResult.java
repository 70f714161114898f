package procos.pde.routing;

/** What one attempt on an endpoint taught the router. */
public enum AttemptResult {
    /** The endpoint answered acceptably (a BPMN error is an answer too: the endpoint did its job). */
    SUCCESS,
    /** The endpoint answered, but Validate refused the answer: a failure for the score, not for the circuit. */
    REFUSED_ANSWER,
    /** No usable answer: an error, a timeout. */
    FAILURE
}
