package procos.das.api;

import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import org.camunda.bpm.engine.ProcessEngine;

/** Small BPMN models the API tests deploy: a reviewed request with a form, and an external task. */
public final class ApiModels {

    private ApiModels() {
    }

    /** start → user task {@code decide} (candidate group {@code operator}) with a five-field form → end. */
    public static String review(String key) {
        return definitions("""
                  <process id="%1$s" name="Review %1$s" isExecutable="true" camunda:historyTimeToLive="1">
                    <extensionElements>
                      <camunda:properties>
                        <camunda:property name="procos.kind" value="peo"/>
                        <camunda:property name="procos.domain" value="finance"/>
                        <camunda:property name="other" value="not procos"/>
                      </camunda:properties>
                    </extensionElements>
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="decide"/>
                    <userTask id="decide" name="Decide" camunda:candidateGroups="operator">
                      <extensionElements>
                        <camunda:formData>
                          <camunda:formField id="approved" label="Approved" type="boolean">
                            <camunda:validation><camunda:constraint name="required"/></camunda:validation>
                          </camunda:formField>
                          <camunda:formField id="comment" label="Comment" type="string"/>
                          <camunda:formField id="amount" label="Amount" type="long" defaultValue="5"/>
                          <camunda:formField id="due" label="Due" type="date"/>
                          <camunda:formField id="level" label="Level" type="enum">
                            <camunda:value id="low" name="Low"/>
                            <camunda:value id="high" name="High"/>
                          </camunda:formField>
                        </camunda:formData>
                      </extensionElements>
                    </userTask>
                    <sequenceFlow id="f2" sourceRef="decide" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                """.formatted(key));
    }

    /** start → external task {@code do_work} on {@code topic} → end. */
    public static String externalTask(String key, String topic) {
        return definitions("""
                  <process id="%1$s" isExecutable="true" camunda:historyTimeToLive="1">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="do_work"/>
                    <serviceTask id="do_work" name="Work" camunda:type="external" camunda:topic="%2$s"/>
                    <sequenceFlow id="f2" sourceRef="do_work" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                """.formatted(key, topic));
    }

    /** start → an asynchronous no-op service task {@code later_step} (a job) → end. */
    public static String asyncStep(String key) {
        return definitions("""
                  <process id="%1$s" isExecutable="true" camunda:historyTimeToLive="1">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="later_step"/>
                    <serviceTask id="later_step" camunda:asyncBefore="true" camunda:expression="${true}"/>
                    <sequenceFlow id="f2" sourceRef="later_step" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                """.formatted(key));
    }

    private static String definitions(String process) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             targetNamespace="http://example.org/api">
                """ + process + "</definitions>\n";
    }

    public static String deploy(ProcessEngine engine, String name, String xml) {
        return engine.getRepositoryService().createDeployment().name(name)
                .addInputStream(name + ".bpmn", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .deploy().getId();
    }
}
