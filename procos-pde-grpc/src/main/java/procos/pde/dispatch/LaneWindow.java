package procos.pde.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;

/**
 * The tasks one lane holds locked in the engine: running on a slot of its pool, fetched ahead and
 * waiting for a slot, or finished and being reported. Their number never exceeds the window, the
 * pool's capacity plus the prefetch: whatever is beyond it waits in the engine, where any node can
 * take it.
 *
 * <p>Fetching ahead keeps a slot busy from one task to the next: when a task ends, the next one is
 * already locked and starts on the same thread, while the finished one is reported to the engine on
 * another. Without it, a slot would stand idle for a report, a wake-up and a fetch-and-lock between
 * two tasks.
 *
 * <p>It also lets a backlog be fetched in batches. The engine's fetch-and-lock query reads every
 * waiting task of the topics before it returns the first few (H2 and most databases build its
 * distinct result in full), so its cost grows with the backlog, not with the tasks it returns. A
 * lane with tasks still waiting for a slot therefore refills only once half its window is free.
 */
final class LaneWindow {

    /**
     * A task this lane locked.
     *
     * @param lockExtension keeps the lock alive from the fetch on, so a task that waits for a slot cannot lose it
     */
    record Held(LockedExternalTask task, ScheduledFuture<?> lockExtension) {
    }

    private final DispatchLane lane;
    private final int size;
    private final AtomicInteger held = new AtomicInteger();
    private final Queue<Held> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param prefetch tasks locked ahead of the lane's free slots (0: only as many as it can run), as
     *                 {@link DispatchSettings} checked it
     */
    LaneWindow(DispatchLane lane, int prefetch) {
        this.lane = lane;
        this.size = Math.addExact(lane.pool().capacity(), prefetch);
    }

    DispatchLane lane() {
        return lane;
    }

    /** Most tasks the lane holds at once. */
    int size() {
        return size;
    }

    /** How many more tasks the lane may lock now. */
    int room() {
        return Math.max(0, size - held.get());
    }

    /**
     * Whether a fetch is worth its query now: there is room, and either no task is waiting for a
     * slot (one may soon stand idle) or half the window is free (the fetch returns a batch).
     */
    boolean wantsFetch() {
        int room = room();
        return room > 0 && (waiting.isEmpty() || 2 * room >= size);
    }

    /** A task was locked for this lane; it counts until {@link #released()}. */
    void took() {
        held.incrementAndGet();
    }

    /** A task's outcome was reported (or the task given back): its place in the window is free. */
    void released() {
        held.decrementAndGet();
    }

    /** Tasks the lane holds: running, waiting or being reported. */
    int held() {
        return held.get();
    }

    /** Tasks locked and waiting for a slot. */
    int waitingCount() {
        return waiting.size();
    }

    /** Keeps a locked task until a slot frees up. */
    void park(Held task) {
        waiting.add(task);
    }

    /** The longest-waiting locked task, or null. */
    Held next() {
        return waiting.poll();
    }

    /** Takes every waiting task out, to give them back to the engine. */
    List<Held> drain() {
        List<Held> drained = new ArrayList<>();
        for (Held task = waiting.poll(); task != null; task = waiting.poll()) {
            drained.add(task);
        }
        return drained;
    }
}
