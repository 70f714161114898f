package procos.das.generation.compile;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A process description compiled to BPMN 2.0: the model (validated against the BPMN schema, with a
 * complete diagram) and its XML, ready to deploy.
 *
 * @param key   the process id, the definition key it deploys under
 * @param model the model; callers must not change it, {@code xml} was written from it
 * @param xml   the model as BPMN XML
 */
public record CompiledProcess(String key, BpmnModelInstance model, String xml) {
}
