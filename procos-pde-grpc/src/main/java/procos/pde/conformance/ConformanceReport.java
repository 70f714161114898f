package procos.pde.conformance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every check run against one endpoint, in the order they ran.
 *
 * @param target the address checked
 * @param results one entry per check
 */
public record ConformanceReport(String target, List<CheckResult> results) {

    public ConformanceReport {
        Objects.requireNonNull(target, "target");
        results = List.copyOf(results);
    }

    /** True when no check failed; skipped checks do not count against the endpoint. */
    public boolean conforms() {
        return results.stream().noneMatch(CheckResult::failed);
    }

    public List<CheckResult> failures() {
        return results.stream().filter(CheckResult::failed).toList();
    }

    public Optional<CheckResult> result(String check) {
        return results.stream().filter(r -> r.check().equals(check)).findFirst();
    }

    /** One line per check and a summary line, for people reading a terminal or a CI log. */
    public String render() {
        int width = results.stream().mapToInt(r -> r.check().length()).max().orElse(0);
        StringBuilder text = new StringBuilder("Endpoint conformance of ").append(target).append('\n');
        for (CheckResult result : results) {
            text.append(String.format("  %-7s %-" + width + "s  %s%n", result.verdict(), result.check(), result.reason()));
        }
        long passed = results.stream().filter(r -> r.verdict() == Verdict.PASS).count();
        long skipped = results.stream().filter(r -> r.verdict() == Verdict.SKIPPED).count();
        text.append(String.format("%d checks: %d passed, %d failed, %d skipped: %s%n", results.size(), passed,
                failures().size(), skipped, conforms() ? "CONFORMS" : "DOES NOT CONFORM"));
        return text.toString();
    }
}
