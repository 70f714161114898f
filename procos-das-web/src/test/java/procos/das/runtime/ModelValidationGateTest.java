package procos.das.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import procos.das.validation.BpmnValidator;
import procos.das.validation.ValidationSettings;
import procos.kernel.deploy.guard.GuardFinding;
import procos.kernel.deploy.guard.GuardRule;
import procos.kernel.deploy.guard.ModelCheck;

class ModelValidationGateTest {

    private final ModelCheck check = ModelValidationGate.validating(new BpmnValidator(ValidationSettings.DEFAULTS));

    @Test
    void validatorErrorsBecomeRefusingGuardFindingsNamingRuleAndElement() {
        String deadlocking = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="https://procos.io/test">
                  <process id="p" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="choice"/>
                    <exclusiveGateway id="choice" default="f3"/>
                    <sequenceFlow id="f2" sourceRef="choice" targetRef="join"><conditionExpression>${x}</conditionExpression></sequenceFlow>
                    <sequenceFlow id="f3" sourceRef="choice" targetRef="join"/>
                    <parallelGateway id="join"/>
                    <sequenceFlow id="f4" sourceRef="join" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """;

        List<GuardFinding> findings = check.check("p.bpmn", deadlocking.getBytes(StandardCharsets.UTF_8));

        assertThat(findings).filteredOn(GuardFinding::refuses).anySatisfy(finding -> {
            assertThat(finding.rule()).isEqualTo(GuardRule.VALIDATION);
            assertThat(finding.elementId()).isEqualTo("join");
            assertThat(finding.getMessage()).startsWith("validation: soundness.deadlock: ");
        });
        assertThat(findings).filteredOn(finding -> !finding.refuses()).isNotEmpty();
    }

    @Test
    void unsafeXmlIsRefused() {
        List<GuardFinding> findings = check.check("x.bpmn",
                "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><d>&e;</d>".getBytes(StandardCharsets.UTF_8));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.refuses()).isTrue();
            assertThat(finding.getMessage()).startsWith("validation: xml.unsafe: ");
        });
    }

    @Test
    void modelsDeployedBeforeTheGateAreValidatedAndTheInvalidOnesReported() {
        org.camunda.bpm.engine.ProcessEngine engine = procos.das.testing.TestEngine.start("gate-report");
        try {
            engine.getRepositoryService().createDeployment()
                    .addModelInstance("fine.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("fine")
                            .camundaHistoryTimeToLive(1).startEvent().name("Started").userTask().name("Check order")
                            .endEvent().name("Done").done())
                    .addModelInstance("stuck.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("stuck")
                            .camundaHistoryTimeToLive(1).startEvent().name("Started")
                            .exclusiveGateway("split").condition("a", "${a}").userTask("left").name("Do left").parallelGateway("join")
                            .endEvent().name("Done").moveToNode("split").condition("b", "${!a}").userTask("right").name("Do right")
                            .connectTo("join").done())
                    .deploy();

            int invalid = ModelValidationGate.reportDeployedBefore(engine.getRepositoryService(),
                    new procos.das.validation.BpmnValidator(procos.das.validation.ValidationSettings.DEFAULTS));

            assertThat(invalid).isEqualTo(1);
        } finally {
            engine.close();
        }
    }
}
