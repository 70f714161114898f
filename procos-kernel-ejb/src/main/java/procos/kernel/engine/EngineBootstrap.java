package procos.kernel.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.cdi.CdiStandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.runtime.Incident;
import procos.kernel.config.KernelSettings;
import procos.kernel.deploy.guard.DeploymentGuard;
import procos.kernel.security.Role;
import procos.pde.dispatch.ExternalTaskCreatedListener;
import procos.pde.dispatch.WorkSignal;

/**
 * Builds the Camunda engine from validated settings. Inside the server the engine is built through
 * camunda-engine-cdi so its services are injectable everywhere in the EAR and BPMN expressions
 * resolve CDI beans; tests build a plain configuration the same way.
 */
public final class EngineBootstrap {

    /** The name camunda-engine-cdi's producers look the engine up by. */
    public static final String ENGINE_NAME = ProcessEngines.NAME_DEFAULT;

    private EngineBootstrap() {
    }

    /**
     * Engine connections: above the threads that use the database at once under load (dispatcher
     * workers of every pool, the job executor, REST and gRPC request threads), so that the id
     * generator's second connection is there when a block runs out.
     */
    static final int MAX_CONNECTIONS = 32;

    /** Builds and starts the engine wired to CDI and registers it with Camunda's platform services (server use). */
    public static RunningEngine startWithCdi(KernelSettings settings, EngineEvents events, WorkSignal externalTaskCommitted) {
        RunningEngine running = start(new CdiStandaloneProcessEngineConfiguration(), settings, events, externalTaskCommitted);
        BpmPlatformRegistration.register(running.engine());
        return running;
    }

    /**
     * Builds and starts the engine on the given configuration after applying the kernel's settings.
     *
     * @param externalTaskCommitted signalled after every transaction that created an external task,
     *                              so the PDE dispatcher fetches it at once
     */
    public static RunningEngine start(ProcessEngineConfigurationImpl configuration, KernelSettings settings, EngineEvents events,
                                      WorkSignal externalTaskCommitted) {
        configuration.setProcessEngineName(ENGINE_NAME);
        configuration.setJdbcUrl(settings.databaseUrl());
        configuration.setJdbcDriver(settings.databaseKind().driverClass());
        configuration.setJdbcUsername(settings.databaseUser());
        configuration.setJdbcPassword(settings.databasePassword());
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        // Camunda's default id generator takes a new id block in a second transaction on a second
        // pooled connection while the caller's stays checked out. With 10 connections (the default)
        // and 16+ busy threads every connection ended up waiting for another: 20 s stalls, then
        // "Connection is invalid" (dispatch benchmark, N = 8). UUID generators avoid the second
        // connection but measured 1.5-2x slower on H2, so the pool is sized above the threads instead.
        configuration.setJdbcMaxActiveConnections(MAX_CONNECTIONS);
        configuration.setHistory(settings.history());
        configuration.setJobExecutor(new BoundedShutdownJobExecutor(settings.jobExecutorThreads(), settings.shutdownTimeout()));
        configuration.setJobExecutorActivate(true);
        configuration.setDbMetricsReporterActivate(false);
        // Authorizations are checked for calls made on behalf of an authenticated user (Camunda's REST
        // API sets one per request); the kernel's own calls run without one and are not checked.
        configuration.setAuthorizationEnabled(true);
        // Failed logins still slow down (Camunda's growing delay), but never lock an account for good:
        // otherwise anyone who can reach the login could lock the only admin out.
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setAdminGroups(new ArrayList<>(List.of(Role.CAMUNDA_ADMIN_GROUP, Role.ADMIN.groupId())));
        // The engine appends its own entries to these lists while it initialises: they must be mutable.
        configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(
                new ProcessStartCounter(events), new ExternalTaskCreatedListener(externalTaskCommitted))));
        // Before Camunda's own deployers, so no model is parsed (or stored) before the guard saw it;
        // also runs when a stored deployment is loaded into the engine's cache.
        List<Deployer> preDeployers = new ArrayList<>(List.of(new DeploymentGuard(settings.deploymentGuard())));
        if (configuration.getCustomPreDeployers() != null) {
            preDeployers.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(preDeployers);
        configuration.setCustomIncidentHandlers(new ArrayList<>(List.<IncidentHandler>of(
                new CountingIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE, events),
                new CountingIncidentHandler(Incident.EXTERNAL_TASK_HANDLER_TYPE, events))));
        ProcessEngine engine = configuration.buildProcessEngine();
        return new RunningEngine(engine, configuration, H2Housekeeping.startIfNeeded(configuration.getDataSource()));
    }
}
