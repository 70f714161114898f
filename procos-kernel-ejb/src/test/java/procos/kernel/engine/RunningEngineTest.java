package procos.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.kernel.config.SettingsValidator;
import procos.pde.dispatch.WorkSignal;

/** The pool counts behind the {@code engine_db_connections_*} gauges, on a real engine and in-memory H2. */
class RunningEngineTest {

    private RunningEngine engine;

    @BeforeEach
    void startEngine() throws Exception {
        String url = "jdbc:h2:mem:running-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        engine = EngineBootstrap.start(new StandaloneInMemProcessEngineConfiguration(),
                SettingsValidator.validate(key -> key.equals(SettingsValidator.DB_URL) ? Optional.of(url) : Optional.empty()),
                EngineEvents.NONE, new WorkSignal());
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
