package procos.das.knowledge;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one ingestion did.
 *
 * @param sources         one outcome per source, in the order they were processed
 * @param elapsed         wall time of the run
 * @param chunksEmbedded  chunks embedded and stored by this run
 * @param chunksPerSecond {@code chunksEmbedded} per second of {@code elapsed}
 * @param abortReason     set when the vector store failed and the run stopped early; sources after
 *                        the failing one are not in {@code sources}, and stay as the manifest had them
 */
public record IngestionReport(List<SourceOutcome> sources, Duration elapsed, long chunksEmbedded,
                              double chunksPerSecond, Optional<String> abortReason) {

    public IngestionReport {
        sources = List.copyOf(sources);
        Objects.requireNonNull(elapsed, "elapsed");
        abortReason = abortReason == null ? Optional.empty() : abortReason;
    }

    public long count(Outcome outcome) {
        return sources.stream().filter(source -> source.outcome() == outcome).count();
    }

    /** The outcome for {@code source}, if this run processed it. */
    public Optional<SourceOutcome> outcome(String source) {
        return sources.stream().filter(candidate -> candidate.source().equals(source)).findFirst();
    }
}
