package procos.das.generation.compile;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/** A real Camunda engine on a fresh in-memory H2 database, without a job executor: tests fire timers themselves. */
final class TestEngine implements AutoCloseable {

    final ProcessEngine engine;

    TestEngine() {
        String name = "compiled-" + UUID.randomUUID();
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        engine = configuration.buildProcessEngine();
    }

    /** Deploys the compiled model's XML, as ProcOS would, and returns the definition id. */
    String deploy(CompiledProcess process) {
        return engine.getRepositoryService().createDeployment()
                .addInputStream(process.key() + ".bpmn", new ByteArrayInputStream(process.xml().getBytes(StandardCharsets.UTF_8)))
                .deployWithResult()
                .getDeployedProcessDefinitions().get(0).getId();
    }

    @Override
    public void close() {
        engine.close();
    }
}
