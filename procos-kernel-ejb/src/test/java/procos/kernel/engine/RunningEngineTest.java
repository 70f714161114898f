package procos.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool counts behind the {@code engine_db_connections_*} gauges, on a real engine and in-memory H2. */
class RunningEngineTest {

    private RunningEngine engine;

    @BeforeEach
    void startEngine() throws Exception {
        engine = InMemoryEngine.start("running");
        // Nothing else may take a connection while the test counts them.
        engine.configuration().getJobExecutor().shutdown();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void countsConnectionsInUseAndIdleInTheEnginesPool() throws Exception {
        int idleBefore = engine.connectionsIdle();
        assertThat(idleBefore).isPositive();

        try (Connection held = engine.configuration().getDataSource().getConnection()) {
            assertThat(engine.connectionsInUse()).isEqualTo(1);
            assertThat(engine.connectionsIdle()).isEqualTo(idleBefore - 1);
        }

        assertThat(engine.connectionsInUse()).isZero();
        assertThat(engine.connectionsIdle()).isEqualTo(idleBefore);
    }
}
