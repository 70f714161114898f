package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.das.validation.Models.bytes;
import static procos.das.validation.Models.conditional;
import static procos.das.validation.Models.flow;
import static procos.das.validation.Models.task;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoundnessTest {

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

    private ValidationReport validate(String body) {
        return validator.validate(bytes(Models.generated(body)));
    }

    private static List<String> soundnessRules(ValidationReport report) {
        return report.findings().stream().map(Finding::rule).filter(rule -> rule.startsWith("soundness.")).toList();
    }

    @Test
    void anExclusiveSplitJoinedInParallelDeadlocksAtTheJoin() {
        ValidationReport report = validate("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:exclusiveGateway id="choice" name="Express?" default="to_normal"/>
                <bpmn:parallelGateway id="join"/>
                %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Order shipped"/>
                """.formatted(flow("f1", "start", "choice"), conditional("to_express", "choice", "express", "express"),
                flow("to_normal", "choice", "normal"), task("express", "Ship express"), task("normal", "Ship normally"),
                flow("f2", "express", "join"), flow("f3", "normal", "join"), flow("f4", "join", "end")));

        assertThat(report.findings(Rules.SOUNDNESS_DEADLOCK)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("join");
            assertThat(finding.blocks()).isTrue();
            assertThat(finding.message()).contains("parallel join");
        });
        assertThat(report.passes()).isFalse();
    }

    @Test
    void aParallelSplitMergedExclusivelyLacksSynchronizationAtTheMerge() {
        ValidationReport report = validate("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:parallelGateway id="split"/>
                <bpmn:exclusiveGateway id="merge"/>
                %s %s %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Order shipped"/>
                """.formatted(flow("f1", "start", "split"), flow("f2", "split", "pack"), flow("f3", "split", "bill"),
                task("pack", "Pack order"), task("bill", "Bill order"), flow("f4", "pack", "merge"), flow("f5", "bill", "merge"),
                flow("f6", "merge", "ship"), task("ship", "Ship order"), flow("f7", "ship", "end")));

        assertThat(report.findings(Rules.SOUNDNESS_LACK_OF_SYNCHRONIZATION)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("merge");
            assertThat(finding.blocks()).isTrue();
        });
        assertThat(report.findings(Rules.SOUNDNESS_DEADLOCK)).isEmpty();
    }

    @Test
    void aLoopWithoutExitHasNoOptionToCompleteAndTheLoopIsNamed() {
        ValidationReport report = validate("""
                <bpmn:startEvent id="start" name="Ticket opened"/>
                <bpmn:exclusiveGateway id="again"/>
                %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Ticket closed"/>
                <bpmn:parallelGateway id="split"/>
                %s %s
                """.formatted(flow("f0", "start", "split"), flow("f1", "split", "again"), flow("f2", "again", "ask"),
                task("ask", "Ask customer"), flow("f3", "ask", "wait"), task("wait", "Await answer"), flow("f4", "wait", "again"),
                flow("f5", "split", "log"), task("log", "Log ticket") + flow("f6", "log", "end")));

        assertThat(report.findings(Rules.SOUNDNESS_NO_OPTION_TO_COMPLETE)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isIn("again", "ask", "wait");
            assertThat(finding.message()).contains("again").contains("ask").contains("wait");
        });
        assertThat(report.findings(Rules.STRUCTURE_NO_PATH_TO_END)).extracting(Finding::elementId)
                .containsExactlyInAnyOrder("again", "ask", "wait");
    }

    @Test
    void aTerminateEndGivesTheSameLoopAWayToComplete() {
        String loop = """
                <bpmn:startEvent id="start" name="Ticket opened"/>
                <bpmn:parallelGateway id="split"/>
                <bpmn:exclusiveGateway id="again"/>
                %s %s %s %s %s %s %s %s %s
                """.formatted(flow("f0", "start", "split"), flow("f1", "split", "again"), flow("f2", "again", "ask"),
                task("ask", "Ask customer"), flow("f3", "ask", "again"), flow("f5", "split", "log"), task("log", "Log ticket"),
                flow("f6", "log", "end"), "");

        ValidationReport plain = validate(loop + "<bpmn:endEvent id=\"end\" name=\"Ticket closed\"/>");
        ValidationReport terminating = validate(loop
                + "<bpmn:endEvent id=\"end\" name=\"Ticket closed\"><bpmn:terminateEventDefinition/></bpmn:endEvent>");

        assertThat(soundnessRules(plain)).contains(Rules.SOUNDNESS_NO_OPTION_TO_COMPLETE);
        assertThat(soundnessRules(terminating)).isEmpty();
    }

    @Test
    void reachingAnEndWhileATokenWaitsForeverIsImproperCompletion() {
        ValidationReport report = validate("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:exclusiveGateway id="route" name="Stocked?" default="to_split"/>
                <bpmn:parallelGateway id="split"/>
                <bpmn:parallelGateway id="join"/>
                %s %s %s %s %s %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end_early" name="Customer notified"/>
                <bpmn:endEvent id="end" name="Order shipped"/>
                """.formatted(flow("f1", "start", "route"), flow("to_split", "route", "split"),
                conditional("to_order", "route", "reorder", "!stocked"), task("reorder", "Reorder goods"),
                flow("f2", "split", "notify"), task("notify", "Notify customer"), flow("f3", "notify", "end_early"),
                flow("f4", "split", "pack"), task("pack", "Pack order"), flow("f5", "pack", "join"),
                flow("f6", "reorder", "join"), flow("f7", "join", "end"), ""));

        assertThat(report.findings(Rules.SOUNDNESS_IMPROPER_COMPLETION)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isEqualTo("join");
            assertThat(finding.blocks()).isTrue();
        });
    }

    @Test
    void nestedParallelAndExclusiveBlocksAreSound() {
        ValidationReport report = validate("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:parallelGateway id="split"/>
                <bpmn:parallelGateway id="inner_split"/>
                <bpmn:parallelGateway id="inner_join"/>
                <bpmn:exclusiveGateway id="choice" name="Express?" default="to_normal"/>
                <bpmn:exclusiveGateway id="choice_join"/>
                <bpmn:parallelGateway id="join"/>
                %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Order completed"/>
                """.formatted(flow("f1", "start", "split"), flow("f2", "split", "inner_split"), flow("f3", "split", "choice"),
                flow("f4", "inner_split", "pack"), flow("f5", "inner_split", "label"), task("pack", "Pack order"),
                task("label", "Print label"), flow("f6", "pack", "inner_join"), flow("f7", "label", "inner_join"),
                conditional("to_express", "choice", "express", "express"), flow("to_normal", "choice", "normal"),
                task("express", "Book courier"), task("normal", "Book post"), flow("f8", "express", "choice_join"),
                flow("f9", "normal", "choice_join"), flow("f10", "inner_join", "join"), flow("f11", "choice_join", "join"),
                flow("f12", "join", "end"), ""));

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void anInclusiveSplitWithInclusiveJoinIsSoundButWithParallelJoinDeadlocks() {
        String body = """
                <bpmn:startEvent id="start" name="Claim received"/>
                <bpmn:inclusiveGateway id="which" name="Which checks?" default="to_fraud"/>
                <bpmn:%s id="join"/>
                %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Claim checked"/>
                """;
        String flows = String.join(" ", flow("f1", "start", "which"), conditional("to_medical", "which", "medical", "medical"),
                flow("to_fraud", "which", "fraud"), task("medical", "Check medical record"), task("fraud", "Check fraud"),
                flow("f2", "medical", "join"), flow("f3", "fraud", "join"), flow("f4", "join", "end"));

        ValidationReport inclusive = validate(body.formatted("inclusiveGateway", flows, "", "", "", "", "", "", ""));
        ValidationReport parallel = validate(body.formatted("parallelGateway", flows, "", "", "", "", "", "", ""));

        assertThat(soundnessRules(inclusive)).isEmpty();
        assertThat(parallel.findings(Rules.SOUNDNESS_DEADLOCK)).singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("join"));
    }

    @Test
    void anInterruptingBoundaryEventIsAnAlternativeCompletion() {
        ValidationReport report = validate("""
                <bpmn:startEvent id="start" name="Invoice received"/>
                %s %s
                <bpmn:boundaryEvent id="too_late" name="Deadline passed" attachedToRef="approve">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:parallelGateway id="join"/>
                %s %s %s %s
                <bpmn:endEvent id="end" name="Invoice approved"/>
                <bpmn:endEvent id="escalated" name="Invoice escalated"/>
                """.formatted(flow("f1", "start", "approve"), task("approve", "Approve invoice"), flow("f2", "approve", "end"),
                flow("f3", "too_late", "escalate"), task("escalate", "Escalate invoice"), flow("f4", "escalate", "escalated")));

        assertThat(soundnessRules(report)).isEmpty();
    }

    @Test
    void exceedingTheStateBudgetIsAWarningNotACrash() {
        BpmnValidator tight = new BpmnValidator(new ValidationSettings(1 << 20, 5_000, 3, false));

        // an inclusive block, which the reduction leaves to the token game
        ValidationReport report = tight.validate(bytes(Models.generated("""
                <bpmn:startEvent id="start" name="Claim received"/>
                <bpmn:inclusiveGateway id="which" name="Which checks?" default="to_fraud"/>
                <bpmn:inclusiveGateway id="join"/>
                %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Claim checked"/>
                """.formatted(flow("f1", "start", "which"), conditional("to_medical", "which", "medical", "medical"),
                flow("to_fraud", "which", "fraud"), task("medical", "Check medical record"), task("fraud", "Check fraud"),
                flow("f2", "medical", "join"), flow("f3", "fraud", "join"), flow("f4", "join", "end")))));

        assertThat(report.findings(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED)).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(finding.elementId()).isEqualTo("test_process");
        });
        assertThat(report.passes()).isTrue();
    }
}
