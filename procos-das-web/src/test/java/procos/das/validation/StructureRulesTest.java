package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.das.validation.Models.bytes;
import static procos.das.validation.Models.flow;
import static procos.das.validation.Models.generated;
import static procos.das.validation.Models.task;

import org.junit.jupiter.api.Test;

class StructureRulesTest {

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

    @Test
    void twoStartEventsAreAnErrorNamingTheSecond() {
        ValidationReport report = validator.validate(bytes(generated("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:startEvent id="second_start" name="Order phoned in"/>
                %s %s %s %s
                <bpmn:endEvent id="end" name="Order checked"/>
                """.formatted(flow("f1", "start", "check"), flow("f2", "second_start", "check"),
                task("check", "Check order"), flow("f3", "check", "end")))));

        assertThat(report.findings(Rules.STRUCTURE_START_EVENTS)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("second_start");
            assertThat(finding.blocks()).isTrue();
        });
        assertThat(report.findings()).noneMatch(finding -> finding.rule().startsWith("soundness."));
    }

    @Test
    void aSignalStartIsNotSupported() {
        ValidationReport report = validator.validate(bytes(Models.CLEAN.replace("<bpmn:startEvent id=\"start\" name=\"Invoice received\"/>",
                "<bpmn:startEvent id=\"start\" name=\"Invoice received\"><bpmn:signalEventDefinition/></bpmn:startEvent>")));

        assertThat(report.findings(Rules.STRUCTURE_START_EVENTS)).singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("start"));
    }

    @Test
    void anUnreachableTaskIsNamed() {
        ValidationReport report = validator.validate(bytes(generated("""
                <bpmn:startEvent id="start" name="Order received"/>
                %s %s %s %s %s
                <bpmn:endEvent id="end" name="Order checked"/>
                """.formatted(flow("f1", "start", "check"), task("check", "Check order"), flow("f2", "check", "end"),
                task("orphan", "Archive order"), flow("f3", "orphan", "end")))));

        assertThat(report.findings(Rules.STRUCTURE_UNREACHABLE)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("orphan");
            assertThat(finding.blocks()).isTrue();
        });
        assertThat(report.passes()).isFalse();
    }

    @Test
    void aDeadEndIsNamed() {
        ValidationReport report = validator.validate(bytes(generated("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:parallelGateway id="split"/>
                %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Order checked"/>
                """.formatted(flow("f1", "start", "split"), flow("f2", "split", "check"), flow("f3", "split", "stuck"),
                task("check", "Check order"), flow("f4", "check", "end"), task("stuck", "Notify customer")))));

        assertThat(report.findings(Rules.STRUCTURE_NO_PATH_TO_END)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("stuck");
            assertThat(finding.message()).contains("dead end");
        });
    }

    @Test
    void aProcessWithoutEndEventIsAnError() {
        ValidationReport report = validator.validate(bytes(generated("""
                <bpmn:startEvent id="start" name="Order received"/>
                %s %s
                """.formatted(flow("f1", "start", "check"), task("check", "Check order")))));

        assertThat(report.findings(Rules.STRUCTURE_END_EVENTS)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("test_process");
            assertThat(finding.blocks()).isTrue();
        });
    }

    @Test
    void aServiceLoopingOnATimerWithoutEndIsOnlyAWarningUnlessGenerated() {
        String body = """
                <bpmn:startEvent id="start" name="Service started"/>
                <bpmn:exclusiveGateway id="loop"/>
                <bpmn:intermediateCatchEvent id="tick" name="Interval elapsed">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>
                %s %s %s %s %s
                """.formatted(flow("f1", "start", "loop"), flow("f2", "loop", "tick"), flow("f3", "tick", "beat"),
                task("beat", "Record heartbeat"), flow("f4", "beat", "loop"));

        ValidationReport service = validator.validate(bytes(Models.external(body)));
        ValidationReport generatedLoop = validator.validate(bytes(generated(body)));

        assertThat(service.findings(Rules.STRUCTURE_END_EVENTS)).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING));
        assertThat(service.passes()).isTrue();
        assertThat(generatedLoop.findings(Rules.STRUCTURE_END_EVENTS)).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR));
    }

    @Test
    void anEmbeddedSubprocessIsCheckedAsItsOwnScope() {
        ValidationReport report = validator.validate(bytes(generated("""
                <bpmn:startEvent id="start" name="Order received"/>
                %s
                <bpmn:subProcess id="handle" name="Handle order">
                  <bpmn:startEvent id="inner_start" name="Handling started"/>
                  %s %s
                </bpmn:subProcess>
                %s
                <bpmn:endEvent id="end" name="Order handled"/>
                """.formatted(flow("f1", "start", "handle"), flow("i1", "inner_start", "pack"), task("pack", "Pack order"),
                flow("f2", "handle", "end")))));

        assertThat(report.findings(Rules.STRUCTURE_END_EVENTS)).singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("handle"));
        assertThat(report.findings(Rules.STRUCTURE_UNREACHABLE)).isEmpty();
    }
}
