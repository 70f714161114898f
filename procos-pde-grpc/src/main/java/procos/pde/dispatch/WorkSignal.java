package procos.pde.dispatch;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the dispatcher when there may be work, and tells it where: an external task of a topic was
 * committed, or a worker slot freed up. Signals are remembered until the dispatcher next takes
 * them, so none is lost between its fetch and its wait. Knowing the topic lets the dispatcher query
 * only the lanes that can have new work, instead of every lane on every wake-up.
 */
public final class WorkSignal {

    /**
     * What happened since the dispatcher last looked.
     *
     * @param topics   topics that got a task
     * @param anyTopic true when work may have appeared under any topic (a task of an unknown topic, a
     *                 timed-out wait, a stop)
     */
    public record Wake(Set<String> topics, boolean anyTopic) {

        public Wake {
            topics = Set.copyOf(topics);
        }

        /** Whether a lane serving {@code served} may have new work. */
        public boolean concerns(Iterable<String> served) {
            if (anyTopic) {
                return true;
            }
            for (String topic : served) {
                if (topics.contains(topic)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private final Set<String> topics = new HashSet<>();
    private boolean anyTopic;
    private boolean pending;

    /**
     * A task of {@code topic} can be fetched now (created, or handed back for a retry).
     *
     * @param topic null when not known (a topic given by an expression): every lane looks
     */
    public void taskAvailable(String topic) {
        wake(() -> {
            if (topic == null) {
                anyTopic = true;
            } else {
                topics.add(topic);
            }
        });
    }

    /** A worker slot freed up: lanes with tasks still waiting can take one more. */
    public void slotFreed() {
        wake(() -> {
        });
    }

    /** Anything may have changed, under any topic. */
    public void signal() {
        wake(() -> anyTopic = true);
    }

    /**
     * Waits until signalled or the timeout passes, and takes what was signalled. A wait that times
     * out says {@link Wake#anyTopic()}: it stands for a poll.
     */
    public Wake await(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (!pending && nanos > 0) {
                nanos = signalled.awaitNanos(nanos);
            }
            if (!pending) {
                anyTopic = true;
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** Takes what was signalled so far, without waiting. */
    public Wake poll() {
        lock.lock();
        try {
            return take();
        } finally {
            lock.unlock();
        }
    }

    private Wake take() {
        Wake wake = new Wake(topics, anyTopic);
        topics.clear();
        anyTopic = false;
        pending = false;
        return wake;
    }

    private void wake(Runnable record) {
        lock.lock();
        try {
            record.run();
            pending = true;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
