package procos.pde.dispatch;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Push instead of poll: every external service task gets a built-in start listener that, once the
 * transaction creating the external task has committed, signals the dispatcher with the task's
 * topic. A new task is then fetched within milliseconds instead of at the next poll, by the one lane
 * that serves its topic; the slow safety poll only covers tasks created by other nodes.
 */
public final class ExternalTaskCreatedListener extends AbstractBpmnParseListener {

    private final WorkSignal signal;

    public ExternalTaskCreatedListener(WorkSignal signal) {
        this.signal = signal;
    }

    @Override
    public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
            String topic = staticTopic(serviceTaskElement.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "topic"));
            ExecutionListener onStart = execution -> Context.getCommandContext().getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, commandContext -> signal.taskAvailable(topic));
            activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, onStart);
        }
    }

    /** The topic as written, or null when an expression computes it at run time. */
    static String staticTopic(String attribute) {
        return attribute == null || attribute.contains("${") || attribute.contains("#{") ? null : attribute.strip();
    }
}
