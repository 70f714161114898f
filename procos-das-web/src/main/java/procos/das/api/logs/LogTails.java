package procos.das.api.logs;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The live log tails of this server: each runs on its own thread, and at most {@value #MAX} run at
 * once, since each holds a thread and a connection for as long as its client stays. All end when the
 * web module stops.
 */
@ApplicationScoped
public class LogTails {

    static final int MAX = 20;

    private final Semaphore slots = new Semaphore(MAX);
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "procos-log-tail");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts the tail, or answers false when {@value #MAX} are running already. */
    public boolean start(Runnable tail) {
        if (!slots.tryAcquire()) {
            return false;
        }
        try {
            threads.execute(() -> {
                try {
                    tail.run();
                } finally {
                    slots.release();
                }
            });
            return true;
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Tails running now. */
    public int running() {
        return MAX - slots.availablePermits();
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
