package procos.das.api.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.validation.ModelProperties;

/**
 * Process definitions through Camunda's repository and runtime services, called on an engine whose
 * current authentication is the signed-in user's, so what they may not see or do is refused by the engine.
 */
public final class ProcessDefinitions {

    private final ProcessEngine engine;

    public ProcessDefinitions(ProcessEngine engine) {
        this.engine = engine;
    }

    /** Definitions by key then newest version first; only each key's latest version when {@code latest}. */
    public Page<ProcessDefinitionItem> list(String key, boolean latest, Paging paging) {
        ProcessDefinitionQuery query = engine.getRepositoryService().createProcessDefinitionQuery();
        if (key != null) {
            query.processDefinitionKey(key);
        }
        if (latest) {
            query.latestVersion();
        }
        long total = query.count();
        query.orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().desc();
        return paging.of(query.listPage(paging.offset(), paging.limit()).stream().map(this::item).toList(), total);
    }

    /** 404 when there is no such definition (or the user may not read it). */
    public ProcessDefinitionItem get(String id) {
        return item(definition(id));
    }

    /** The BPMN XML the definition was deployed from. */
    public String xml(String id) {
        ProcessDefinition definition = definition(id);
        try (InputStream in = engine.getRepositoryService().getProcessModel(definition.getId())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an instance with the given variables (already converted, see {@link VariableValues}). */
    public StartedInstance start(String id, String businessKey, Map<String, Object> variables) {
        ProcessDefinition definition = definition(id);
        if (definition.isSuspended()) {
            throw ApiProblem.conflict("process definition " + id + " is suspended");
        }
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceById(definition.getId(), businessKey, variables);
        return new StartedInstance(instance.getId(), definition.getId(), instance.getBusinessKey());
    }

    /** Suspends the definition and its running instances: nothing of it moves until resumed. */
    public ProcessDefinitionItem suspend(String id) {
        definition(id);
        engine.getRepositoryService().updateProcessDefinitionSuspensionState().byProcessDefinitionId(id)
                .includeProcessInstances(true).suspend();
        return get(id);
    }

    public ProcessDefinitionItem resume(String id) {
        definition(id);
        engine.getRepositoryService().updateProcessDefinitionSuspensionState().byProcessDefinitionId(id)
                .includeProcessInstances(true).activate();
        return get(id);
    }

    private ProcessDefinition definition(String id) {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(id).singleResult();
        if (definition == null) {
            throw ApiProblem.notFound("process definition '" + id + "' does not exist");
        }
        return definition;
    }

    private ProcessDefinitionItem item(ProcessDefinition definition) {
        return new ProcessDefinitionItem(definition.getId(), definition.getKey(), definition.getName(), definition.getVersion(),
                definition.getDeploymentId(), definition.isSuspended(), definition.getResourceName(), metadata(definition),
                !definition.isSuspended() && definition.isStartableInTasklist());
    }

    /** The {@code procos.*} properties of the definition's process element; the model comes from the engine's cache. */
    private Map<String, String> metadata(ProcessDefinition definition) {
        RepositoryService repository = engine.getRepositoryService();
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        Process process = model == null ? null : model.getModelElementById(definition.getKey());
        return process == null ? Map.of() : ModelProperties.procos(process);
    }
}
