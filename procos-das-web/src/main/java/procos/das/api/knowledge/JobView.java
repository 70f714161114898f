package procos.das.api.knowledge;

import java.time.Instant;

/**
 * An ingestion job as the API shows it.
 *
 * @param kind     {@code upload}, {@code reference} or {@code reindex}
 * @param state    {@code running}, {@code done} or {@code failed}
 * @param done     sources finished
 * @param total    sources in the run (0 until the run is planned)
 * @param percent  share of the work done, by bytes when sizes are known, else by sources
 * @param etaMs    time left as the progress tracker estimates it; null while there is nothing to estimate from
 * @param current  the source being indexed, else null
 * @param error    why the job failed, or which sources failed in a job that finished; else null
 */
public record JobView(String id, String kind, String state, int done, int total, double percent, Long etaMs, String current,
                      Instant started, Instant finished, String error) {

    public boolean ended() {
        return !state.equals(IngestionJob.RUNNING);
    }
}
