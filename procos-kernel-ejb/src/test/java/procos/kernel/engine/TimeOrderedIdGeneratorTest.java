package procos.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeOrderedIdGeneratorTest {

    private final TimeOrderedIdGenerator ids = new TimeOrderedIdGenerator();

    @Test
    void idsAreUniqueVersionSevenUuidsEvenFromManyThreads() {
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        IntStream.range(0, 20_000).parallel().forEach(i -> seen.add(ids.getNextId()));

        assertThat(seen).hasSize(20_000);
        assertThat(seen).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    }

    @Test
    void laterIdsSortAfterEarlierOnesByTheirTimePrefix() throws InterruptedException {
        String first = ids.getNextId();
        Thread.sleep(5);
        List<String> later = IntStream.range(0, 100).mapToObj(i -> ids.getNextId()).toList();

        assertThat(later).allSatisfy(id -> assertThat(id.substring(0, 13)).isGreaterThan(first.substring(0, 13)));
        assertThat(new HashSet<>(later)).hasSize(100);
    }
}
