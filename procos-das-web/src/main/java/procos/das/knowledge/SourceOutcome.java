package procos.das.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One line of an {@link IngestionReport}.
 *
 * @param source  the source id
 * @param outcome what was done
 * @param chunks  chunks stored for it by this run (0 unless indexed)
 * @param reason  why it was skipped or failed ({@code CODE: message} for failures); empty otherwise
 * @param notes   remarks on how it was read, e.g. a charset fallback
 */
public record SourceOutcome(String source, Outcome outcome, int chunks, String reason, List<String> notes) {

    public SourceOutcome {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
