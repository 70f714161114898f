package procos.das.api.pde;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import procos.kernel.Kernel;
import procos.logging.StructuredLogger;

/**
 * Samples the router's scores into a {@link RoutingHistory} every {@value #INTERVAL_SECONDS} s,
 * keeping the last {@value #SAMPLES} (an hour), from the moment the web module starts until it stops.
 */
@ApplicationScoped
public class RoutingSampler {

    static final int INTERVAL_SECONDS = 10;
    static final int SAMPLES = 360;
    private static final StructuredLogger LOG = StructuredLogger.forComponent("api.pde");

    private final RoutingHistory history = new RoutingHistory(SAMPLES);
    private ScheduledExecutorService schedule;

    @Inject
    Kernel kernel;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "procos-routing-sampler");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::sample, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    public RoutingHistory history() {
        return history;
    }

    private void sample() {
        try {
            kernel.pdes().ifPresent(pdes -> history.record(Instant.now(), pdes.routing()));
        } catch (RuntimeException e) {
            // One lost sample leaves a gap in the chart; the next one comes in ten seconds.
            LOG.warn("routing_sample_failed").error(e).log();
        }
    }
}
