package procos.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;

/**
 * The process shapes measured: start → one no-op service task → end, one definition per system (and
 * a twin per system for warm-up, so warm-up instances are never counted).
 */
final class BenchProcesses {

    private BenchProcesses() {
    }

    /** File name → BPMN XML of every process the bench deploys. */
    static Map<String, String> all() {
        Map<String, String> files = new LinkedHashMap<>();
        for (BenchSystem system : BenchSystem.values()) {
            for (String key : new String[] {system.processKey, system.warmupKey()}) {
                files.put(key + ".bpmn", Bpmn.convertToString(model(system, key)));
            }
        }
        return files;
    }

    static BpmnModelInstance model(BenchSystem system, String key) {
        ServiceTaskBuilder task = Bpmn.createExecutableProcess(key)
                .name("Benchmark " + system.label)
                .camundaHistoryTimeToLive(1)
                .startEvent("start")
                .serviceTask("noop").name("no-op");
        if (system.topic == null) {
            task.camundaExpression("${execution.getId()}");
        } else {
            task.camundaType("external").camundaTopic(system.topic);
        }
        return task.endEvent("end").done();
    }
}
