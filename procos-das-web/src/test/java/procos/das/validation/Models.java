package procos.das.validation;

import java.nio.charset.StandardCharsets;

/** Small BPMN documents written by hand for the validator tests. */
final class Models {

    static final String METADATA = """
                <bpmn:extensionElements>
                  <camunda:properties>
                    <camunda:property name="procos.kind" value="%s"/>
                    <camunda:property name="procos.version" value="1"/>
                    <camunda:property name="procos.intent" value="Test the validator"/>
                    <camunda:property name="procos.domain" value="test"/>
                    <camunda:property name="procos.created_by" value="tests"/>
                  </camunda:properties>
                </bpmn:extensionElements>
            """;

    private Models() {
    }

    /** A definitions document with one executable process {@code id} holding {@code body}, with metadata of {@code kind}. */
    static String process(String kind, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="definitions" targetNamespace="https://procos.io/test">
                  <bpmn:process id="test_process" isExecutable="true" camunda:historyTimeToLive="1">
                %s
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(METADATA.formatted(kind), body);
    }

    /** A model of {@code procos.kind} generated, which is held to the strict gateway rules. */
    static String generated(String body) {
        return process("generated", body);
    }

    static String external(String body) {
        return process("peo", body);
    }

    static String flow(String id, String source, String target) {
        return "<bpmn:sequenceFlow id=\"%s\" sourceRef=\"%s\" targetRef=\"%s\"/>".formatted(id, source, target);
    }

    static String conditional(String id, String source, String target, String condition) {
        return """
                <bpmn:sequenceFlow id="%s" sourceRef="%s" targetRef="%s">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${%s}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>""".formatted(id, source, target, condition);
    }

    static String task(String id, String name) {
        return "<bpmn:userTask id=\"%s\" name=\"%s\"/>".formatted(id, name);
    }

    static byte[] bytes(String document) {
        return document.getBytes(StandardCharsets.UTF_8);
    }

    /** start → Check invoice → end, named by the conventions and with complete metadata: passes without findings. */
    static final String CLEAN = generated("""
                <bpmn:startEvent id="start" name="Invoice received"/>
                %s
                %s
                %s
                <bpmn:endEvent id="end" name="Invoice checked"/>
            """.formatted(flow("f1", "start", "check"), task("check", "Check invoice"), flow("f2", "check", "end")));
}
