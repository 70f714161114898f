package procos.kernel.engine;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Counts process instance starts at the engine itself, so every start is seen whoever triggers it
 * (REST, gRPC, call activities, the kernel). Registered as a built-in listener, which the engine
 * runs even when a caller asks to skip custom listeners.
 */
public class ProcessStartCounter extends AbstractBpmnParseListener {

    private final EngineEvents events;

    public ProcessStartCounter(EngineEvents events) {
        this.events = events;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        String key = processDefinition.getKey();
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                (ExecutionListener) execution -> {
                    if (execution.getParentId() == null) {
                        events.processStarted(key);
                    }
                });
    }
}
