package procos.pde.conformance;

import java.util.Objects;

/**
 * The outcome of one named conformance check.
 *
 * @param check  stable name of the check, e.g. {@code unknown_task_type_refused}
 * @param verdict pass, fail or skipped
 * @param reason what was observed, written for the endpoint's author: on failure what was expected
 *               instead, on skip what the endpoint would have to publish
 */
public record CheckResult(String check, Verdict verdict, String reason) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    public static CheckResult pass(String check, String reason) {
        return new CheckResult(check, Verdict.PASS, reason);
    }

    public static CheckResult fail(String check, String reason) {
        return new CheckResult(check, Verdict.FAIL, reason);
    }

    public static CheckResult skipped(String check, String reason) {
        return new CheckResult(check, Verdict.SKIPPED, reason);
    }

    public boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
