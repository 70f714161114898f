package procos.das.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import procos.das.knowledge.progress.ProgressListener;
import procos.das.knowledge.progress.ProgressSnapshot;

/**
 * The knowledge ingestion's progress as metrics on {@code /metrics}: the latest run's sources and
 * chunks done, its rate and estimated time left, and whether it is still running. A planned run
 * ({@code knowledge_preload}) counts as one run across its tasks.
 */
@ApplicationScoped
public class KnowledgeMetrics implements ProgressListener {

    private static final ProgressSnapshot NO_RUN = new ProgressSnapshot(0, 0, 0, 0, 0, Duration.ZERO, 0,
            Optional.empty(), true);

    @Inject
    MetricRegistry registry;

    private final AtomicReference<ProgressSnapshot> latest = new AtomicReference<>(NO_RUN);

    @PostConstruct
    void register() {
        gauge("knowledge_ingest_running", "1 while an ingestion run is in progress", MetricUnits.NONE,
                s -> s.finished() ? 0 : 1);
        gauge("knowledge_ingest_sources_done", "sources finished by the latest run", MetricUnits.NONE, ProgressSnapshot::sourcesDone);
        gauge("knowledge_ingest_sources_total", "sources in the latest run", MetricUnits.NONE, ProgressSnapshot::sourcesTotal);
        gauge("knowledge_ingest_chunks_done", "chunks embedded by the latest run", MetricUnits.NONE, ProgressSnapshot::chunksDone);
        gauge("knowledge_ingest_chunk_rate", "chunks embedded per second by the latest run", MetricUnits.PER_SECOND,
                ProgressSnapshot::chunksPerSecond);
        gauge("knowledge_ingest_eta", "estimated time the latest run still needs (0 when finished, -1 while unknown)",
                MetricUnits.SECONDS, s -> s.eta().map(left -> left.toMillis() / 1000.0).orElse(-1.0));
    }

    @Override
    public void onProgress(ProgressSnapshot snapshot) {
        latest.set(snapshot);
    }

    private void gauge(String name, String description, String unit, Function<ProgressSnapshot, Number> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(),
                latest, current -> value.apply(current.get()));
    }
}
