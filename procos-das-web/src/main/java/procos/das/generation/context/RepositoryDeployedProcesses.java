package procos.das.generation.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import procos.das.validation.ModelProperties;
import procos.logging.StructuredLogger;

/**
 * The processes deployed in the engine, latest version of each, with the intent recorded in their
 * {@code procos.intent} property (a {@code camunda:property} of the process).
 */
public final class RepositoryDeployedProcesses implements Supplier<List<DeployedProcess>> {

    /** Each definition's model is read to find its intent; beyond this many keys the rest are not compared. */
    public static final int MAX_PROCESSES = 1_000;

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.generation");

    private final RepositoryService repository;

    public RepositoryDeployedProcesses(RepositoryService repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public List<DeployedProcess> get() {
        List<ProcessDefinition> latest = repository.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().listPage(0, MAX_PROCESSES);
        List<DeployedProcess> processes = new ArrayList<>(latest.size());
        for (ProcessDefinition definition : latest) {
            processes.add(new DeployedProcess(definition.getKey(), definition.getName(), intentOf(definition).orElse("")));
        }
        return processes;
    }

    private Optional<String> intentOf(ProcessDefinition definition) {
        BpmnModelInstance model;
        try {
            model = repository.getBpmnModelInstance(definition.getId());
        } catch (RuntimeException e) {
            // One unreadable definition must not hide the others.
            LOG.warn("deployed_process_unreadable").with("definition_id", definition.getId()).with("reason", e.getMessage()).log();
            return Optional.empty();
        }
        if (model == null || !(model.getModelElementById(definition.getKey()) instanceof Process process)) {
            return Optional.empty();
        }
        return Optional.ofNullable(ModelProperties.read(process).get(ModelProperties.INTENT));
    }
}
