package procos.pde.dispatch;

import procos.pde.pool.PdePool;

/**
 * How busy one dispatch lane is right now, as a dashboard shows it; a snapshot that may be stale as
 * soon as it is read.
 *
 * @param name the lane's name, its pool's type as written in the configuration
 * @param pool the pool whose slots the lane's tasks run on
 * @param held tasks the lane holds locked: running, fetched ahead and waiting for a slot, or being reported
 */
public record LaneLoad(String name, PdePool pool, int held) {

    /** Tasks locked and not running on a slot: waiting for one, or finished and being reported. */
    public int queued() {
        return Math.max(0, held - pool.inFlight());
    }
}
