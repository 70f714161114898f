package procos.kernel.deploy.guard;

import java.nio.charset.StandardCharsets;

/** BPMN documents written out by hand, as an attacker would, for the guard tests. */
final class Models {

    /** The payload of the report: runs a shell command when the task runs. */
    static final String EXPLOIT = exploit("/tmp/procos-guard-exploit");

    private Models() {
    }

    static String exploit(String touchedFile) {
        return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null).exec(\"touch "
                + touchedFile + "\")}";
    }

    /** {@code text} escaped for an attribute value or element text. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A definitions document holding one process {@code processId} with {@code body} inside it. */
    static String process(String processId, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:activiti="http://activiti.org/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="definitions" targetNamespace="https://procos.io/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processId, body);
    }

    static byte[] bytes(String document) {
        return document.getBytes(StandardCharsets.UTF_8);
    }

    /** start → {@code task} (a single element with id {@code taskId}) → end: deployable and runnable. */
    static String runnable(String processId, String taskId, String task) {
        return process(processId, """
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="to_task" sourceRef="start" targetRef="%s"/>
                    %s
                    <bpmn:sequenceFlow id="to_end" sourceRef="%s" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                """.formatted(taskId, task, taskId));
    }
}
