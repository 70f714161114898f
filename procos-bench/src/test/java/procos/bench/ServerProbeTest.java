package procos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerProbeTest {

    private static final String METRICS = """
            # HELP memory_usedHeap_bytes Displays the amount of used heap memory in bytes.
            # TYPE memory_usedHeap_bytes gauge
            memory_usedHeap_bytes{mp_scope="base",} 1.23456789E8
            thread_count{mp_scope="base",} 171.0
            thread_countdown{mp_scope="base",} 3.0
            engine_db_connections_idle{mp_scope="application",} 7.0
            """;

    @Test
    void readsTheFirstSeriesOfAMetricByItsExactName() {
        assertThat(ServerProbe.value(METRICS, "memory_usedHeap_bytes")).isEqualTo(123_456_789L);
        assertThat(ServerProbe.value(METRICS, "thread_count")).isEqualTo(171);
        assertThat(ServerProbe.value(METRICS, "engine_db_connections_idle")).isEqualTo(7);
        assertThat(ServerProbe.value(METRICS, "engine_db_connections_active")).isEqualTo(-1);
    }
}
