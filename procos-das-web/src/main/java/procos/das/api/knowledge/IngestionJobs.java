package procos.das.api.knowledge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import procos.das.api.ApiProblem;
import procos.logging.StructuredLogger;

/**
 * The API's ingestion jobs: started on an executor, one at a time (the ingestor runs one ingestion
 * at a time, and a second request is told so rather than queued behind a run of unknown length),
 * and the last {@code keep} remembered, newest first.
 */
public final class IngestionJobs {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.knowledge");

    /** The work of a job; what it throws fails the job with its message. */
    @FunctionalInterface
    public interface Work {
        /** @return a note for a job that succeeded (sources that failed in a folder run), or null */
        String run(IngestionJob job) throws Exception;
    }

    private final ExecutorService executor;
    private final int keep;
    private final Deque<IngestionJob> jobs = new ArrayDeque<>();

    public IngestionJobs(ExecutorService executor, int keep) {
        this.executor = executor;
        this.keep = keep;
    }

    /** @throws ApiProblem 409 while another job runs */
    public synchronized IngestionJob start(IngestionJob.Kind kind, Work work) {
        refuseWhileRunning();
        IngestionJob job = new IngestionJob(kind);
        jobs.addFirst(job);
        while (jobs.size() > keep) {
            jobs.removeLast();
        }
        executor.submit(() -> run(job, work));
        return job;
    }

    /** @throws ApiProblem 409 while a job runs, naming it */
    public synchronized void refuseWhileRunning() {
        running().ifPresent(job -> {
            throw ApiProblem.conflict("ingestion job " + job.id() + " is running; one ingestion runs at a time, try again when it ends");
        });
    }

    public synchronized Optional<IngestionJob> running() {
        return jobs.stream().filter(IngestionJob::running).findFirst();
    }

    public synchronized Optional<IngestionJob> find(String id) {
        return jobs.stream().filter(job -> job.id().equals(id)).findFirst();
    }

    public synchronized List<IngestionJob> newestFirst() {
        return List.copyOf(jobs);
    }

    private static void run(IngestionJob job, Work work) {
        try {
            job.succeed(work.run(job));
        } catch (Exception e) {
            LOG.warn("knowledge_job_failed").with("job_id", job.id()).with("reason", String.valueOf(e.getMessage())).log();
            job.fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            if (job.running()) {
                job.fail("the job stopped unexpectedly; see the server log");
            }
        }
    }
}
