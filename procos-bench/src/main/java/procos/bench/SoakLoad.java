package procos.bench;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sustained starts over the REST API from several threads, at a fixed rate for all of them together
 * (or as fast as the server answers). Each instance carries its own sequence number, so no two have
 * the same inputs. A start counts as acknowledged when the server answered it with the new instance's
 * id; a failed start is counted, not retried.
 */
final class SoakLoad {

    private final EngineRest rest;
    private final String processKey;
    private final AtomicLong sequence;
    private final Set<String> acknowledged;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile boolean running;
    private ExecutorService threads;

    /**
     * @param sequence     the run's sequence numbers, shared by the loads of both halves
     * @param acknowledged where the ids of acknowledged starts go, shared by both halves
     */
    SoakLoad(EngineRest rest, String processKey, AtomicLong sequence, Set<String> acknowledged) {
        this.rest = rest;
        this.processKey = processKey;
        this.sequence = sequence;
        this.acknowledged = acknowledged;
    }

    /** Starts {@code threadCount} threads starting instances at {@code rate} per second in all (0: unthrottled) until {@link #stop}. */
    void begin(int threadCount, double rate) {
        running = true;
        threads = Executors.newFixedThreadPool(threadCount, EngineRest.daemon("soak-starter"));
        long origin = System.nanoTime();
        AtomicLong tickets = new AtomicLong();
        for (int i = 0; i < threadCount; i++) {
            threads.execute(() -> {
                while (running) {
                    if (rate > 0) {
                        long due = origin + (long) (tickets.getAndIncrement() * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        if (!running) {
                            return;
                        }
                    }
                    long number = sequence.incrementAndGet();
                    try {
                        acknowledged.add(rest.start(processKey, Map.of("seq", number)));
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        lastFailure.set(e.getMessage());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
    }

    /** Stops starting; waits (bounded by the request timeout) for starts in flight to be answered. */
    void stop() throws InterruptedException {
        running = false;
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }

    long failed() {
        return failed.get();
    }

    String lastFailure() {
        return lastFailure.get();
    }

    /** Acknowledged ids of the whole run (both halves share the set). */
    static Set<String> newAcknowledgedSet() {
        return ConcurrentHashMap.newKeySet();
    }
}
