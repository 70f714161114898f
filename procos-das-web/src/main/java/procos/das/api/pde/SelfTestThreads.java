package procos.das.api.pde;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads endpoint self-tests run on: at most {@value #MAX} at once, so a burst of requests
 * against a hanging endpoint cannot pile up threads; beyond that a self-test is refused
 * ({@link RejectedExecutionException}). Stopped with the web module.
 */
@ApplicationScoped
public class SelfTestThreads {

    static final int MAX = 4;

    private final ExecutorService executor = new ThreadPoolExecutor(0, MAX, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
        Thread thread = new Thread(task, "procos-endpoint-self-test");
        thread.setDaemon(true);
        return thread;
    });

    public ExecutorService executor() {
        return executor;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
