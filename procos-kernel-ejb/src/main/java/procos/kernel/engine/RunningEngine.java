package procos.kernel.engine;

import java.sql.Connection;
import java.sql.SQLException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** A built engine together with the configuration the kernel needs to probe and stop it. */
public record RunningEngine(ProcessEngine engine, ProcessEngineConfigurationImpl configuration) {

    /** True when the engine's database answers within two seconds. */
    public boolean databaseReachable() {
        try (Connection connection = configuration.getDataSource().getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public boolean jobExecutorActive() {
        return configuration.getJobExecutor().isActive();
    }

    /** Stops acquiring jobs, lets running ones finish within the configured bound, then closes the engine. */
    public void close() {
        if (configuration.getJobExecutor().isActive()) {
            configuration.getJobExecutor().shutdown();
        }
        engine.close();
    }
}
