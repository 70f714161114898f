package procos.pde.pool;

import java.util.concurrent.atomic.AtomicBoolean;
import procos.pde.v1.PdeType;

/**
 * The right to run one task in a {@link PdePool}, held while the task runs. Closing it gives the slot back; closing it again does nothing, so a
 * try-with-resources block plus an explicit early close on an error path can never release
 * someone else's slot and push the pool above its capacity.
 */
public final class Permit implements AutoCloseable {

    private final PdePool pool;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(PdePool pool) {
        this.pool = pool;
    }

    /** The type of the pool this permit belongs to. */
    public PdeType pdeType() {
        return pool.type();
    }

    public boolean isReleased() {
        return released.get();
    }

    /** Gives the slot back to the pool, the first time only. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            pool.release();
        }
    }

    @Override
    public String toString() {
        return "Permit[" + PdeTypes.yamlName(pool.type()) + (isReleased() ? ", released]" : "]");
    }
}
