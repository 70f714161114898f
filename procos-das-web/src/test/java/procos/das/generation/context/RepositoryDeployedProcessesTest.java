package procos.das.generation.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.das.validation.ModelProperties;

/** Deployed processes read from a real engine on an in-memory database. */
class RepositoryDeployedProcessesTest {

    private ProcessEngine engine;

    @BeforeEach
    void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:deployed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void theLatestVersionOfEachProcessIsListedWithItsIntent() {
        deploy(process("vacation", "Vacation request", "Employees request vacation and the manager approves."));
        deploy(process("vacation", "Vacation request", "Employees request vacation; HR approves when the manager is away."));
        deploy(process("cleanup", null, null));

        RepositoryDeployedProcesses deployed = new RepositoryDeployedProcesses(engine.getRepositoryService());

        assertThat(deployed.get()).containsExactly(
                new DeployedProcess("cleanup", "cleanup", ""),
                new DeployedProcess("vacation", "Vacation request",
                        "Employees request vacation; HR approves when the manager is away."));
    }

    private void deploy(BpmnModelInstance model) {
        engine.getRepositoryService().createDeployment().addModelInstance("process.bpmn", model).deploy();
    }

    private static BpmnModelInstance process(String key, String name, String intent) {
        ProcessBuilder builder = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1);
        if (name != null) {
            builder.name(name);
        }
        BpmnModelInstance model = builder.startEvent().userTask("work").endEvent().done();
        if (intent != null) {
            CamundaProperties properties = model.newInstance(CamundaProperties.class);
            properties.getCamundaProperties().add(property(model, "procos.kind", "generated"));
            properties.getCamundaProperties().add(property(model, ModelProperties.INTENT, intent));
            ExtensionElements extensions = model.newInstance(ExtensionElements.class);
            extensions.addChildElement(properties);
            model.<Process>getModelElementById(key).setExtensionElements(extensions);
        }
        return model;
    }

    private static CamundaProperty property(BpmnModelInstance model, String name, String value) {
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName(name);
        property.setCamundaValue(value);
        return property;
    }
}
