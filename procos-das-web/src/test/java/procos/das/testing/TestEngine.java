package procos.das.testing;

import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/** A real Camunda engine on a fresh in-memory H2 database, with full history and no job executor: tests fire timers themselves. */
public final class TestEngine {

    private TestEngine() {
    }

    /** Starts an engine on a new database whose name begins with {@code name}; close it when done. */
    public static ProcessEngine start(String name) {
        String unique = name + "-" + UUID.randomUUID();
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(unique);
        configuration.setJdbcUrl("jdbc:h2:mem:" + unique + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.setDbMetricsReporterActivate(false);
        return configuration.buildProcessEngine();
    }
}
