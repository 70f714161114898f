package procos.das.generation.pipeline;

import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import procos.das.validation.ModelProperties;

/**
 * Keeps generated processes from replacing processes they did not create: a key whose latest
 * version is not marked {@code procos.kind=generated} (ProcOS's own PEOs, or a model a person
 * deployed) is taken.
 */
public final class ReservedKeys {

    private final RepositoryService repository;

    public ReservedKeys(RepositoryService repository) {
        this.repository = repository;
    }

    /** Why {@code key} cannot receive a generated version, if it cannot. */
    public Optional<String> problem(String key) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
        if (latest == null) {
            return Optional.empty();
        }
        String kind = kind(repository.getBpmnModelInstance(latest.getId()), key);
        return ModelProperties.GENERATED.equals(kind) ? Optional.empty()
                : Optional.of("'" + key + "' is the key of a process that was not generated (procos.kind "
                        + (kind == null ? "not set" : "'" + kind + "'") + "); choose another key");
    }

    private static String kind(BpmnModelInstance model, String key) {
        Process process = model.getModelElementById(key);
        return process == null ? null : ModelProperties.read(process).get(ModelProperties.KIND);
    }
}
