package procos.das.rag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps what a retrieval found for a while under an id, so the {@code rag_query} process can hand
 * the id from its retrieve task to its answer task instead of carrying chunk texts through process
 * variables. Bounded in size and age; a miss (restart, expiry) means retrieving again.
 */
public final class RetrievalCache {

    private record Entry(String question, List<Citation> citations, Instant storedAt) {
    }

    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public RetrievalCache(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > RetrievalCache.this.maxEntries;
            }
        };
    }

    /** Stores what was found for {@code question}; returns the id to fetch it by. */
    public synchronized String put(String question, List<Citation> citations) {
        String id = UUID.randomUUID().toString();
        entries.put(id, new Entry(question, List.copyOf(citations), clock.instant()));
        return id;
    }

    /** What was stored under {@code id} for this same question, unless it has expired. */
    public synchronized Optional<List<Citation>> get(String id, String question) {
        Entry entry = entries.get(id);
        if (entry == null || !entry.question().equals(question)) {
            return Optional.empty();
        }
        if (entry.storedAt().plus(maxAge).isBefore(clock.instant())) {
            entries.remove(id);
            return Optional.empty();
        }
        return Optional.of(entry.citations());
    }
}
