package procos.pde.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.v1.PdeType;

class PdeAllocatorTest {

    @RegisterExtension
    final CapturedPoolLog log = new CapturedPoolLog();

    private static PdeManagerConfig config(PoolConfig... pools) {
        return new PdeManagerConfig("n", List.of(pools), List.of(), List.of(), List.of(), List.of());
    }

    private static PoolConfig pool(PdeType type, int capacity, String... taskTypes) {
        return new PoolConfig(type, 1, capacity, List.of("noop"), List.of(taskTypes));
    }

    @Test
    void aTaskTypeGoesToThePoolThatListsIt() throws Exception {
        PdeAllocator allocator = PdeAllocator.from(config(
                pool(PdeType.GENERAL_PURPOSE, 4, "noop", "echo"),
                pool(PdeType.AI, 2, "summarize")));

        assertThat(allocator.poolFor("echo").type()).isEqualTo(PdeType.GENERAL_PURPOSE);
        assertThat(allocator.poolFor("summarize").type()).isEqualTo(PdeType.AI);
        assertThat(allocator.knownTaskTypes()).containsExactlyInAnyOrder("noop", "echo", "summarize");
        assertThat(allocator.hasCatchAll()).isFalse();
    }

    @Test
    void aGeneralPurposePoolWithoutTaskTypesTakesEveryUnclaimedTaskType() throws Exception {
        PdeAllocator allocator = PdeAllocator.from(config(
                pool(PdeType.GENERAL_PURPOSE, 4),
                pool(PdeType.AI, 2, "summarize")));

        assertThat(allocator.hasCatchAll()).isTrue();
        assertThat(allocator.poolFor("anything.at.all").type()).isEqualTo(PdeType.GENERAL_PURPOSE);
        assertThat(allocator.poolFor("summarize").type()).isEqualTo(PdeType.AI);
    }

    @Test
    void anUnknownTaskTypeWithoutCatchAllNamesItAndTheKnownOnes() {
        PdeAllocator allocator = PdeAllocator.from(config(
                pool(PdeType.GENERAL_PURPOSE, 4, "noop", "echo"),
                pool(PdeType.AI, 2, "summarize")));

        UnknownTaskTypeException unknown = catchThrowableOfType(UnknownTaskTypeException.class,
                () -> allocator.poolFor("translate"));

        assertThat(unknown.taskType()).isEqualTo("translate");
        assertThat(unknown.knownTaskTypes()).containsExactlyInAnyOrder("noop", "echo", "summarize");
        assertThat(unknown).hasMessage("unknown task type 'translate': no pool handles it and there is no"
                + " catch-all pool (known task types: echo, noop, summarize)");
        assertThatThrownBy(() -> allocator.tryAcquire("translate")).isInstanceOf(UnknownTaskTypeException.class);
    }

    @Test
    void availableCapacityShrinksAsPermitsAreTakenAndGrowsAsTheyAreClosed() throws Exception {
        PdeAllocator allocator = PdeAllocator.from(config(
                pool(PdeType.GENERAL_PURPOSE, 3, "noop"),
                pool(PdeType.AI, 2, "summarize")));

        Permit permit = allocator.tryAcquire("summarize").orElseThrow();

        assertThat(permit.pdeType()).isEqualTo(PdeType.AI);
        assertThat(allocator.availableCapacity(PdeType.AI)).isEqualTo(1);
        assertThat(allocator.availableCapacityFor("summarize")).isEqualTo(1);
        assertThat(allocator.availableCapacity(PdeType.GENERAL_PURPOSE)).isEqualTo(3);
        permit.close();
        assertThat(allocator.availableCapacity(PdeType.AI)).isEqualTo(2);
    }

    @Test
    void aSaturatedPoolRefusesItsTaskTypesWhileOtherPoolsStillAccept() throws Exception {
        PdeAllocator allocator = PdeAllocator.from(config(
                pool(PdeType.GENERAL_PURPOSE, 3, "noop"),
                pool(PdeType.AI, 2, "summarize", "classify")));
        List<Permit> held = new ArrayList<>();
        held.add(allocator.tryAcquire("summarize").orElseThrow());
        held.add(allocator.tryAcquire("classify").orElseThrow());

        assertThat(allocator.tryAcquire("summarize")).isEmpty();
        assertThat(allocator.tryAcquire("classify")).isEmpty();
        assertThat(allocator.availableCapacity(PdeType.AI)).isZero();
        assertThat(allocator.tryAcquire("noop")).isPresent();

        held.forEach(Permit::close);
        assertThat(allocator.tryAcquire("summarize")).isPresent();
    }

    @Test
    void aPdeTypeWithoutPoolHasNoCapacity() {
        PdeAllocator allocator = PdeAllocator.from(config(pool(PdeType.GENERAL_PURPOSE, 3, "noop")));

        assertThat(allocator.availableCapacity(PdeType.META)).isZero();
        assertThat(allocator.pool(PdeType.META)).isEmpty();
        assertThat(allocator.pools()).extracting(PdePool::type).containsExactly(PdeType.GENERAL_PURPOSE);
    }

    @Test
    void theLoadedDefaultConfigurationRunsNoopAndEcho() throws Exception {
        PdeAllocator allocator = PdeAllocator.from(PdeManagerConfigLoader.loadDefault(name -> null));

        assertThat(allocator.poolFor("noop")).isSameAs(allocator.poolFor("echo"));
        assertThat(allocator.availableCapacityFor("noop")).isEqualTo(allocator.pools().get(0).capacity());
    }

    @Test
    void readinessIsLoggedWithEachPoolsCapacity() {
        PdeAllocator.from(config(pool(PdeType.GENERAL_PURPOSE, 3), pool(PdeType.AI, 2, "summarize")));

        assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"pde_pools_ready\"")
                .contains("\"pool_capacity\":{\"general_purpose\":3,\"ai\":2}")
                .contains("\"catch_all\":\"general_purpose\""));
    }

    @Test
    void aHandBuiltConfigurationWithTwoPoolsOfOneTypeIsRejected() {
        assertThatThrownBy(() -> PdeAllocator.from(config(
                pool(PdeType.AI, 1, "a"), pool(PdeType.AI, 1, "b"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
