package procos.pde.pool;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import procos.pde.v1.PdeType;

/**
 * The capacity of one PDE pool: {@code instances × max_concurrent_tasks} tasks at a time, counted
 * by a semaphore. The dispatcher takes a {@link Permit} when a task starts running on the pool and
 * closes it when the PDE is done with it, so the pool never runs more than it can; how many tasks
 * the dispatcher may lock ahead of free permits is its own bound (see the dispatcher's lanes), and
 * the surplus stays waiting in the engine, where it is safe.
 *
 * <p>The semaphore is fair and {@link #tryAcquire()} respects that fairness, so a steady stream of
 * one caller's attempts cannot starve another waiting on the same pool.
 */
public final class PdePool {

    private final PoolConfig config;
    private final int capacity;
    private final Semaphore slots;

    /**
     * @throws IllegalArgumentException if the pool's capacity is below one
     * @throws ArithmeticException      if it does not fit an {@code int}
     */
    public PdePool(PoolConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.capacity = config.capacity();
        if (capacity < 1) {
            throw new IllegalArgumentException("a pool needs capacity ≥ 1, " + PdeTypes.yamlName(config.type())
                    + " has " + config.instances() + " × " + config.maxConcurrentTasks());
        }
        this.slots = new Semaphore(capacity, true);
    }

    public PdeType type() {
        return config.type();
    }

    public PoolConfig config() {
        return config;
    }

    /** Tasks the pool can run at once. */
    public int capacity() {
        return capacity;
    }

    /** Free slots right now; a snapshot that may be stale as soon as it is read. */
    public int available() {
        return slots.availablePermits();
    }

    /** Tasks holding a permit right now; a snapshot like {@link #available()}. */
    public int inFlight() {
        return capacity - available();
    }

    /**
     * A slot if one is free, without waiting; empty when the pool is saturated. Empty as well if the
     * calling thread is interrupted (the interrupt flag is kept), since a thread being stopped should
     * not take on new work.
     */
    public Optional<Permit> tryAcquire() {
        try {
            // The timed form, unlike tryAcquire(), honours the semaphore's fairness.
            return slots.tryAcquire(0, TimeUnit.NANOSECONDS) ? Optional.of(new Permit(this)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Called once per permit, by {@link Permit#close()}. */
    void release() {
        slots.release();
    }

    @Override
    public String toString() {
        return "PdePool[" + PdeTypes.yamlName(type()) + ", " + inFlight() + "/" + capacity + " in flight]";
    }
}
