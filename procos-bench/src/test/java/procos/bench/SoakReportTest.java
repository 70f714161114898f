package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakReportTest {

    @Test
    void atRestNoConnectionIsInUseAndTheDatabaseSeesOnlyThePoolsConnections() {
        assertThat(SoakReport.restingConnections(List.of(load(), rest(0, 5, 5, 900))))
                .hasValueSatisfying(line -> assertThat(line)
                        .contains("0 pooled connections in use, 5 idle", "5 sessions on the database (= the pool's 5)", "nothing held",
                                "900 sessions opened", "one per 3.3 instances"));
    }

    @Test
    void aConnectionStillInUseAtRestIsCalledOut() {
        assertThat(SoakReport.restingConnections(List.of(rest(1, 4, 5, -1)))).hasValueSatisfying(line ->
                assertThat(line).contains("connections held at rest"));
        assertThat(SoakReport.restingConnections(List.of(rest(0, 5, 6, -1)))).hasValueSatisfying(line ->
                assertThat(line).contains("≠ the pool's 5", "connections held at rest"));
    }

    private static SoakSample load() {
        return new SoakSample("load", 2, 100, 90, true, 2900, 2900, 3, 1, 1, 70, 85, 150, 9, 1, 12, 800, 1);
    }

    private static SoakSample rest(long inUse, long idle, long sessions, long opened) {
        return new SoakSample("drained", 2, 110, 0, false, 3000, 3000, 0, 1, 1, 70, 85, 150, inUse, idle, sessions, opened, 1);
    }
}
