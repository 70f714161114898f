package procos.das.api.knowledge;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import procos.das.knowledge.IngestionReport;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.Outcome;
import procos.das.knowledge.SourceOutcome;
import procos.das.knowledge.progress.ProgressTracker;
import procos.das.knowledge.source.DocumentFetcher;

/**
 * Ingests one document fetched by URL as a job: one source, 0 % until it is fetched and indexed,
 * then 100 %. A document that cannot be fetched or indexed fails the job with the reason.
 */
final class UrlIngestionRun implements IngestionJobs.Work {

    private final KnowledgeIngestor ingestor;
    private final URI url;
    private final DocumentFetcher fetcher;

    UrlIngestionRun(KnowledgeIngestor ingestor, URI url, DocumentFetcher fetcher) {
        this.ingestor = ingestor;
        this.url = url;
        this.fetcher = fetcher;
    }

    @Override
    public String run(IngestionJob job) throws IOException {
        String source = url.toString();
        job.pending(List.of(source));
        ProgressTracker tracker = new ProgressTracker(job::progress, 1, 0);
        job.progress(tracker.current());
        job.working(source);
        IngestionReport report = ingestor.ingest(List.of(url), fetcher);
        if (report.abortReason().isPresent()) {
            throw new IOException("ingestion stopped: " + report.abortReason().get());
        }
        Optional<SourceOutcome> failure = report.outcome(source).filter(outcome -> outcome.outcome() == Outcome.FAILED);
        if (failure.isPresent()) {
            throw new IOException(source + ": " + failure.get().reason());
        }
        tracker.chunksEmbedded((int) report.chunksEmbedded());
        tracker.sourceDone(0);
        job.settled(source);
        tracker.finish();
        return null;
    }
}
