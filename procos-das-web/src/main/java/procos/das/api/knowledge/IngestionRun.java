package procos.das.api.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import procos.das.knowledge.IngestionPlan;
import procos.das.knowledge.IngestionReport;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.Outcome;
import procos.das.knowledge.SourceOutcome;
import procos.das.knowledge.progress.ProgressTracker;

/**
 * Ingests one file or folder as a job: planned first (so the job knows its sources and bytes),
 * then source by source with the job's own {@link ProgressTracker}, then the sources gone from the
 * folder are removed. Sources a user removed are left out (by the ingestor). A single file that cannot be indexed
 * fails the job; in a folder, failed sources are named in the job's note and the run goes on.
 */
final class IngestionRun implements IngestionJobs.Work {

    private final KnowledgeIngestor ingestor;
    private final Path path;
    private final KnowledgeFolder folder;

    IngestionRun(KnowledgeIngestor ingestor, Path path, KnowledgeFolder folder) {
        this.ingestor = ingestor;
        this.path = path;
        this.folder = folder;
    }

    @Override
    public String run(IngestionJob job) throws IOException {
        IngestionPlan plan = ingestor.plan(path);
        job.pending(plan.toIndex());
        ProgressTracker tracker = ingestor.trackPlannedRun(plan, job::progress);
        job.progress(tracker.current());
        List<String> failures = new ArrayList<>();
        for (int position = 0; position < plan.toIndex().size(); position++) {
            String source = plan.toIndex().get(position);
            job.working(folder.location(source));
            IngestionReport report = ingestor.ingestPlanned(plan, position, tracker);
            if (report.abortReason().isPresent()) {
                throw new IOException("ingestion stopped: " + report.abortReason().get());
            }
            report.outcome(source).filter(outcome -> outcome.outcome() == Outcome.FAILED)
                    .ifPresent(outcome -> failures.add(describe(outcome)));
            job.settled(source);
        }
        ingestor.removeGone(plan, tracker);
        if (failures.isEmpty()) {
            return null;
        }
        if (Files.isRegularFile(path)) {
            throw new IOException(failures.get(0));
        }
        return failures.size() + " of " + plan.toIndex().size() + " sources failed: " + String.join("; ", failures);
    }

    private String describe(SourceOutcome outcome) {
        return folder.location(outcome.source()) + ": " + outcome.reason();
    }
}
