package procos.pde.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import procos.pde.pool.PdePool;
import procos.pde.pool.PoolConfig;
import procos.pde.v1.PdeType;

class LaneWindowTest {

    private static LaneWindow window(int capacity, int prefetch) {
        PdePool pool = new PdePool(new PoolConfig(PdeType.GENERAL_PURPOSE, 1, capacity, List.of("noop"), List.of()));
        return new LaneWindow(new DispatchLane("general_purpose", List::of, pool, request -> null), prefetch);
    }

    private static LaneWindow.Held waitingTask() {
        return new LaneWindow.Held(null, null);
    }

    @Test
    void theWindowIsThePoolsCapacityPlusThePrefetch() {
        LaneWindow window = window(2, 8);

        assertThat(window.size()).isEqualTo(10);
        assertThat(window.room()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            window.took();
        }
        assertThat(window.room()).isZero();
        assertThat(window.wantsFetch()).as("a full window fetches nothing").isFalse();
        window.released();
        assertThat(window.room()).isEqualTo(1);
    }

    @Test
    void withTasksWaitingForASlotItRefillsOnlyOnceHalfTheWindowIsFree() {
        LaneWindow window = window(1, 8); // window 9
        for (int i = 0; i < 9; i++) {
            window.took();
        }
        for (int i = 0; i < 5; i++) {
            window.park(waitingTask());
        }
        window.released();
        window.released();
        window.released();
        window.released(); // room 4 of 9, five tasks still waiting

        assertThat(window.wantsFetch()).as("a query for four tasks would cost as much as one for nine").isFalse();
        window.released(); // room 5

        assertThat(window.wantsFetch()).isTrue();
    }

    @Test
    void withNoTaskWaitingAnyRoomIsWorthAFetchSoNoSlotStandsIdle() {
        LaneWindow window = window(1, 8);
        for (int i = 0; i < 8; i++) {
            window.took();
        }

        assertThat(window.waitingCount()).isZero();
        assertThat(window.wantsFetch()).isTrue();
    }

    @Test
    void drainingHandsBackEveryWaitingTaskInOrder() {
        LaneWindow window = window(1, 4);
        LaneWindow.Held first = waitingTask();
        LaneWindow.Held second = waitingTask();
        window.park(first);
        window.park(second);

        assertThat(window.drain()).containsExactly(first, second);
        assertThat(window.next()).isNull();
    }
}
