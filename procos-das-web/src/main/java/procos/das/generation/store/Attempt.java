package procos.das.generation.store;

import java.util.List;
import procos.das.generation.description.ProcessDescription;
import procos.das.validation.Finding;

/**
 * One round of drafting and validation.
 *
 * @param description what the drafter wrote; {@code null} when it could not write anything
 * @param findings    what compiling and validating it found (drafting problems included)
 * @param validated   whether validation has judged it (its findings then include validation's)
 */
public record Attempt(int number, String drafter, ProcessDescription description, List<String> notes,
                      List<Finding> findings, long draftMs, long validateMs, boolean validated) {

    public Attempt {
        notes = notes == null ? List.of() : List.copyOf(notes);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public boolean valid() {
        return description != null && findings.stream().noneMatch(Finding::blocks);
    }

    public Attempt validated(List<Finding> validation, long ms) {
        return new Attempt(number, drafter, description, notes,
                java.util.stream.Stream.concat(findings.stream(), validation.stream()).toList(), draftMs, ms, true);
    }
}
