package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import procos.pde.v1.PdeType;

class PdePoolTest {

    private static PdePool pool(int instances, int maxConcurrentTasks) {
        return new PdePool(new PoolConfig(PdeType.GENERAL_PURPOSE, instances, maxConcurrentTasks,
                List.of("noop"), List.of("noop")));
    }

    @Test
    void capacityIsInstancesTimesConcurrentTasks() {
        PdePool pool = pool(3, 4);

        assertThat(pool.capacity()).isEqualTo(12);
        assertThat(pool.available()).isEqualTo(12);
        assertThat(pool.inFlight()).isZero();
        assertThat(pool.type()).isEqualTo(PdeType.GENERAL_PURPOSE);
    }

    @Test
    void aSaturatedPoolGrantsNothingUntilAPermitIsClosed() {
        PdePool pool = pool(2, 2);
        List<Permit> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(pool.tryAcquire().orElseThrow());
        }

        assertThat(pool.tryAcquire()).isEmpty();
        assertThat(pool.inFlight()).isEqualTo(4);
        assertThat(pool.available()).isZero();

        held.get(0).close();

        assertThat(pool.available()).isEqualTo(1);
        Optional<Permit> next = pool.tryAcquire();
        assertThat(next).isPresent();
        assertThat(pool.tryAcquire()).isEmpty();
    }

    @Test
    void closingAPermitTwiceReleasesItsSlotOnce() {
        PdePool pool = pool(1, 2);
        Permit first = pool.tryAcquire().orElseThrow();
        Permit second = pool.tryAcquire().orElseThrow();

        first.close();
        first.close();
        first.close();

        assertThat(first.isReleased()).isTrue();
        assertThat(second.isReleased()).isFalse();
        assertThat(pool.inFlight()).isEqualTo(1);
        assertThat(pool.available()).isEqualTo(1);
        second.close();
        assertThat(pool.available()).isEqualTo(pool.capacity());
    }

    @Test
    void tryWithResourcesGivesTheSlotBack() {
        PdePool pool = pool(1, 1);

        try (Permit permit = pool.tryAcquire().orElseThrow()) {
            assertThat(permit.pdeType()).isEqualTo(PdeType.GENERAL_PURPOSE);
            assertThat(pool.tryAcquire()).isEmpty();
        }

        assertThat(pool.available()).isEqualTo(1);
    }

    @Test
    void anInterruptedThreadGetsNoPermitAndKeepsItsInterrupt() {
        PdePool pool = pool(1, 1);
        Thread.currentThread().interrupt();
        try {
            assertThat(pool.tryAcquire()).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(pool.available()).isEqualTo(1);
    }

    @Test
    void aPoolWithoutCapacityCannotBeBuilt() {
        assertThatThrownBy(() -> pool(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity ≥ 1");
    }

    @Test
    void simultaneousRequestsGetExactlyCapacityPermits() throws Exception {
        PdePool pool = pool(2, 4);
        int threads = 32;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch attempted = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    ready.countDown();
                    go.await();
                    Optional<Permit> permit = pool.tryAcquire();
                    permit.ifPresent(p -> granted.incrementAndGet());
                    attempted.countDown();
                    release.await();
                    permit.ifPresent(Permit::close);
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            assertThat(attempted.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(granted.get()).isEqualTo(pool.capacity());
            assertThat(pool.inFlight()).isEqualTo(pool.capacity());

            release.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(pool.inFlight()).isZero();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void manyThreadsAcquiringAndReleasingNeverExceedCapacity() throws Exception {
        PdePool pool = pool(1, 3);
        int threads = 16;
        int rounds = 2_000;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    go.await();
                    try {
                        for (int i = 0; i < rounds; i++) {
                            Optional<Permit> permit = pool.tryAcquire();
                            if (permit.isPresent()) {
                                try (Permit held = permit.get()) {
                                    granted.incrementAndGet();
                                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                                    running.decrementAndGet();
                                }
                                permit.get().close(); // a second close must not free a second slot
                            }
                        }
                    } finally {
                        finished.countDown();
                    }
                    return null;
                }));
            }
            go.countDown();
            assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(granted.get()).isPositive();
        assertThat(mostRunning.get()).isBetween(1, pool.capacity());
        assertThat(pool.inFlight()).isZero();
        assertThat(pool.available()).isEqualTo(pool.capacity());
    }
}
