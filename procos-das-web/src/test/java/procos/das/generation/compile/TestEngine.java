package procos.das.generation.compile;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngine;

/** The shared test engine, with a way to deploy a compiled process as ProcOS would. */
final class TestEngine implements AutoCloseable {

    final ProcessEngine engine;

    TestEngine() {
        engine = procos.das.testing.TestEngine.start("compiled");
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
