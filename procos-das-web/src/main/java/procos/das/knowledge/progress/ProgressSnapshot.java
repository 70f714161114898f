package procos.das.knowledge.progress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an ingestion stands. Chunk totals are not known before every source is chunked, so the
 * estimate of the remaining time comes from bytes, known as soon as files are listed (from the
 * share of sources done when the sizes are not known, as for URLs).
 *
 * @param sourcesDone     sources finished (indexed, skipped, removed or failed)
 * @param sourcesTotal    sources in this run
 * @param chunksDone      chunks embedded so far in this run
 * @param bytesDone       bytes of the sources finished, plus the source being read
 * @param bytesTotal      bytes of all sources in this run
 * @param elapsed         time since the run started
 * @param chunksPerSecond chunks embedded per second of the run so far
 * @param eta             estimated time left, while there is a rate to estimate it from
 * @param finished        whether this is the last snapshot of the run
 */
public record ProgressSnapshot(int sourcesDone, int sourcesTotal, long chunksDone, long bytesDone, long bytesTotal,
                               Duration elapsed, double chunksPerSecond, Optional<Duration> eta, boolean finished) {

    /** The fields as a flat map (durations in milliseconds), for logs, metrics and process variables. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sources_done", sourcesDone);
        map.put("sources_total", sourcesTotal);
        map.put("chunks_done", chunksDone);
        map.put("bytes_done", bytesDone);
        map.put("bytes_total", bytesTotal);
        map.put("elapsed_ms", elapsed.toMillis());
        map.put("chunks_per_s", Math.round(chunksPerSecond * 10) / 10.0);
        eta.ifPresent(left -> map.put("eta_ms", left.toMillis()));
        map.put("finished", finished);
        return map;
    }
}
