package procos.kernel.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import procos.logging.StructuredLogger;

/**
 * The engine's default job executor with a configurable grace period on shutdown: acquisition stops
 * first (no new work), running jobs get {@code shutdownTimeout} to finish, then are interrupted. The
 * stock executor waits a fixed 60 s, which is longer than most orchestrators allow a pod to stop.
 */
public class BoundedShutdownJobExecutor extends DefaultJobExecutor {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("engine");

    private final Duration shutdownTimeout;

    public BoundedShutdownJobExecutor(int threads, Duration shutdownTimeout) {
        this.corePoolSize = threads;
        this.maxPoolSize = threads;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    protected void stopExecutingJobs() {
        threadPoolExecutor.shutdown();
        try {
            if (!threadPoolExecutor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                int interrupted = threadPoolExecutor.shutdownNow().size();
                LOG.warn("jobs_interrupted_on_shutdown")
                        .with("timeout_ms", shutdownTimeout.toMillis())
                        .with("queued_jobs_dropped", interrupted)
                        .log();
            }
        } catch (InterruptedException e) {
            threadPoolExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
