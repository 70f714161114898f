package procos.das.generation.pipeline;

import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Keeps generated processes from replacing processes they did not create: a key whose latest
 * version is not marked {@code procos.kind=generated} (ProcOS's own PEOs, or a model a person
 * deployed) is taken.
 */
public final class ReservedKeys {

    static final String GENERATED = "generated";

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
        return GENERATED.equals(kind) ? Optional.empty()
                : Optional.of("'" + key + "' is the key of a process that was not generated (procos.kind "
                        + (kind == null ? "not set" : "'" + kind + "'") + "); choose another key");
    }

    private static String kind(BpmnModelInstance model, String key) {
        Process process = model.getModelElementById(key);
        if (process == null || process.getExtensionElements() == null) {
            return null;
        }
        for (CamundaProperties properties : process.getExtensionElements().getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if ("procos.kind".equals(property.getCamundaName())) {
                    return property.getCamundaValue();
                }
            }
        }
        return null;
    }
}
