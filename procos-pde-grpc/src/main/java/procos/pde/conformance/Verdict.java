package procos.pde.conformance;

/** How one conformance check ended. */
public enum Verdict {
    /** The endpoint does what the contract asks. */
    PASS,
    /** The endpoint breaks the contract; the check's reason says how. */
    FAIL,
    /**
     * The check could not run because the endpoint does not publish what it needs (for example no
     * call example with required inputs). Not a breach: the fields it relies on are optional.
     */
    SKIPPED
}
