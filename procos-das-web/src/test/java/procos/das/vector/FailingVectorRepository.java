package procos.das.vector;

import java.util.List;

/**
 * Test fixture: an {@link InMemoryVectorRepository} whose N-th change ({@code replaceSource} or
 * {@code deleteBySource}, counted from 1) throws without changing anything, like a store that
 * goes down half-way through an ingestion.
 */
public final class FailingVectorRepository extends InMemoryVectorRepository {

    private final int failingCall;
    private int calls;

    public FailingVectorRepository(int failingCall) {
        this.failingCall = failingCall;
    }

    @Override
    public synchronized void replaceSource(String sourceId, List<Chunk> replacement) {
        failOnTheNthCall();
        super.replaceSource(sourceId, replacement);
    }

    @Override
    public synchronized long deleteBySource(String sourceId) {
        failOnTheNthCall();
        return super.deleteBySource(sourceId);
    }

    private void failOnTheNthCall() {
        if (++calls == failingCall) {
            throw new IllegalStateException("store unavailable (call " + calls + ")");
        }
    }
}
