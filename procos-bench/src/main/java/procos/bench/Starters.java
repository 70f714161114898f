package procos.bench;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed pool of threads that start process instances over the REST API as fast as the server
 * answers. A failed start is retried (the instance must exist for the count to be reached), up to a
 * bound after which the run gives up.
 */
final class Starters implements AutoCloseable {

    private static final int MAX_FAILURES = 20;

    private final ExecutorService pool;
    private final int threads;

    Starters(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, EngineRest.daemon("bench-starter"));
    }

    int threads() {
        return threads;
    }

    /** Starts {@code count} instances of {@code key} on all threads; returns at once. */
    Run submit(EngineRest rest, String key, int count) {
        Run run = new Run(count, threads);
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                try {
                    while (run.remaining.getAndDecrement() > 0 && run.failure.get() == null) {
                        try {
                            rest.start(key);
                        } catch (IOException e) {
                            run.remaining.incrementAndGet();
                            if (run.failures.incrementAndGet() > MAX_FAILURES) {
                                run.failure.compareAndSet(null, e);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    run.failure.compareAndSet(null, e);
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    run.failure.compareAndSet(null, e);
                } finally {
                    run.lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                    run.threadsDone.countDown();
                }
            });
        }
        return run;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One batch of starts. */
    static final class Run {
        final AtomicInteger remaining;
        final AtomicInteger failures = new AtomicInteger();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final java.util.concurrent.atomic.AtomicLong lastDone = new java.util.concurrent.atomic.AtomicLong();
        final CountDownLatch threadsDone;

        Run(int count, int threads) {
            this.remaining = new AtomicInteger(count);
            this.threadsDone = new CountDownLatch(threads);
        }

        boolean done() {
            return threadsDone.getCount() == 0;
        }

        /** Waits (bounded) until every start was sent; the instant the last one returned, or -1. */
        long awaitDone(long timeoutNanos) throws InterruptedException {
            return threadsDone.await(timeoutNanos, TimeUnit.NANOSECONDS) ? lastDone.get() : -1;
        }

        void throwIfFailed() throws IOException {
            Exception e = failure.get();
            if (e != null) {
                throw new IOException("starting instances failed (" + failures.get() + " failures): " + e.getMessage(), e);
            }
        }
    }
}
