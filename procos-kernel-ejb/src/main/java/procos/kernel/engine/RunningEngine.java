package procos.kernel.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.apache.ibatis.datasource.pooled.PoolState;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import procos.kernel.deploy.guard.DeploymentGuard;

/**
 * A built engine together with the configuration the kernel needs to probe and stop it, and the
 * housekeeping of its database file when it is an embedded H2 database that commits durably.
 */
public record RunningEngine(ProcessEngine engine, ProcessEngineConfigurationImpl configuration,
                            Optional<H2Housekeeping> housekeeping) {

    /**
     * The deployment guard this engine was built with (see {@link EngineBootstrap}), where modules
     * install their own model checks; empty for an engine built without one.
     */
    public Optional<DeploymentGuard> deploymentGuard() {
        List<Deployer> deployers = configuration.getCustomPreDeployers();
        return deployers == null ? Optional.empty()
                : deployers.stream().filter(DeploymentGuard.class::isInstance).map(DeploymentGuard.class::cast).findFirst();
    }

    /** True when the engine's database answers within two seconds. */
    public boolean databaseReachable() {
        try (Connection connection = configuration.getDataSource().getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Connections of the engine's pool in use now; -1 when the engine was given a data source of another kind. */
    public int connectionsInUse() {
        return poolCount(PoolState::getActiveConnectionCount);
    }

    /** Connections the engine's pool keeps open and idle now; -1 when the engine was given a data source of another kind. */
    public int connectionsIdle() {
        return poolCount(PoolState::getIdleConnectionCount);
    }

    private int poolCount(ToIntFunction<PoolState> count) {
        return configuration.getDataSource() instanceof PooledDataSource pool ? count.applyAsInt(pool.getPoolState()) : -1;
    }

    public boolean jobExecutorActive() {
        return configuration.getJobExecutor().isActive();
    }

    /**
     * Stops acquiring jobs, lets running ones finish within the configured bound, then leaves
     * Camunda's platform services and closes the engine.
     */
    public void close() {
        if (configuration.getJobExecutor().isActive()) {
            configuration.getJobExecutor().shutdown();
        }
        housekeeping.ifPresent(H2Housekeeping::close);
        BpmPlatformRegistration.unregister(engine);
        engine.close();
    }
}
