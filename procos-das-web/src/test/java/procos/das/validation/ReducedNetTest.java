package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.das.validation.Models.bytes;
import static procos.das.validation.Models.conditional;
import static procos.das.validation.Models.flow;
import static procos.das.validation.Models.task;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReducedNetTest {

    private final BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);
    private final SoundnessCheck soundness = new SoundnessCheck(ValidationSettings.DEFAULTS.maxStates());

    private static FlowGraph graph(String model) {
        return new FlowGraph(Scope.of(Bpmn.readModelFromStream(new ByteArrayInputStream(bytes(model)))).get(0));
    }

    private static List<String> ids(List<FlowNode> nodes) {
        return nodes.stream().map(FlowNode::getId).toList();
    }

    private static List<String> soundnessRules(ValidationReport report) {
        return report.findings().stream().map(Finding::rule).filter(rule -> rule.startsWith("soundness.")).toList();
    }

    @Test
    void nestedParallelBlocksReduceToOneArcFromStartToEndThatStandsForEveryElement() {
        FlowGraph graph = graph(NestedModels.parallel(4));

        ReducedNet reduced = ReducedNet.reduced(graph);

        assertThat(ids(reduced.nodes())).containsExactlyInAnyOrder("start", "end");
        assertThat(reduced.arcs()).singleElement().satisfies(arc -> {
            assertThat(arc.source().getId()).isEqualTo("start");
            assertThat(arc.target().getId()).isEqualTo("end");
            assertThat(ids(arc.through())).hasSize(graph.nodes().size() - 2).contains("split_1", "join_1", "task_5");
            assertThat(arc.flows()).containsExactlyInAnyOrderElementsOf(graph.scope().flows().stream().map(f -> f.getId()).toList());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6})
    void deeplyNestedParallelBlocksAreSoundAfterAFewStates(int depth) {
        String model = NestedModels.parallel(depth);

        ValidationReport report = validator.validate(bytes(model));
        SoundnessCheck.Result result = soundness.check(graph(model));

        assertThat(soundnessRules(report)).isEmpty();
        assertThat(report.passes()).isTrue();
        assertThat(result.findings()).isEmpty();
        assertThat(result.places()).isEqualTo(1);
        assertThat(result.states()).isLessThanOrEqualTo(3);
    }

    @Test
    void withoutReductionTheSameModelExceedsTheStateBudget() {
        SoundnessCheck.Result result = new SoundnessCheck(ValidationSettings.DEFAULTS.maxStates(), false)
                .check(graph(NestedModels.parallel(4)));

        assertThat(result.findings()).extracting(Finding::rule).containsExactly(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED);
    }

    @Test
    void anExclusiveSplitJoinedInParallelDeepInsideStillDeadlocksAtItsJoin() {
        ValidationReport report = validator.validate(bytes(NestedModels.parallel(5, NestedModels.DEADLOCK)));

        assertThat(report.findings(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED)).isEmpty();
        assertThat(report.findings(Rules.SOUNDNESS_DEADLOCK)).extracting(Finding::elementId).contains("bad_join")
                .doesNotContain("choice", "express", "normal");
        assertThat(report.findings(Rules.SOUNDNESS_DEADLOCK)).filteredOn(finding -> finding.elementId().equals("bad_join"))
                .singleElement().satisfies(finding -> assertThat(finding.message()).contains("parallel join"));
        assertThat(report.passes()).isFalse();
    }

    @Test
    void aParallelSplitMergedExclusivelyDeepInsideStillLacksSynchronizationAtTheMerge() {
        ValidationReport report = validator.validate(bytes(NestedModels.parallel(6, NestedModels.UNSYNCHRONIZED)));

        assertThat(report.findings(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED)).isEmpty();
        assertThat(report.findings(Rules.SOUNDNESS_LACK_OF_SYNCHRONIZATION)).singleElement()
                .satisfies(finding -> assertThat(finding.elementId()).isEqualTo("bad_merge"));
    }

    @Test
    void aLoopWithoutExitDeepInsideHasNoOptionToCompleteAndNamesTheLoopsElements() {
        ValidationReport report = validator.validate(bytes(NestedModels.parallel(5, NestedModels.ENDLESS_LOOP)));

        assertThat(report.findings(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED)).isEmpty();
        assertThat(report.findings(Rules.SOUNDNESS_NO_OPTION_TO_COMPLETE)).singleElement().satisfies(finding -> {
            assertThat(finding.elementId()).isIn("again", "ask", "wait");
            assertThat(finding.message()).contains("again").contains("ask").contains("wait");
        });
    }

    @Test
    void anExclusiveLoopWithAnExitAndAnExclusiveBlockReduceAway() {
        String model = Models.generated("""
                <bpmn:startEvent id="start" name="Draft requested"/>
                <bpmn:exclusiveGateway id="retry"/>
                <bpmn:exclusiveGateway id="good" name="Draft good?" default="redo"/>
                <bpmn:exclusiveGateway id="urgent" name="Urgent?" default="to_post"/>
                <bpmn:exclusiveGateway id="sent"/>
                %s %s %s %s %s %s %s %s %s %s %s %s %s
                <bpmn:endEvent id="end" name="Draft sent"/>
                """.formatted(flow("f1", "start", "retry"), flow("f2", "retry", "write"), task("write", "Write draft"),
                flow("f3", "write", "good"), flow("redo", "good", "retry"), conditional("accept", "good", "urgent", "ok"),
                conditional("to_mail", "urgent", "mail", "urgent"), flow("to_post", "urgent", "post"), task("mail", "Send mail"),
                task("post", "Send letter"), flow("f4", "mail", "sent"), flow("f5", "post", "sent"), flow("f6", "sent", "end")));

        ReducedNet reduced = ReducedNet.reduced(graph(model));

        assertThat(ids(reduced.nodes())).containsExactlyInAnyOrder("start", "end");
        assertThat(reduced.arcs()).singleElement().satisfies(arc -> assertThat(ids(arc.through()))
                .containsExactly("retry", "write", "good", "urgent", "mail", "post", "sent"));
        assertThat(soundnessRules(validator.validate(bytes(model)))).isEmpty();
    }

    @Test
    void mixedBlocksBoundaryEventsAndInclusiveGatewaysAreLeftToTheTokenGame() {
        String model = Models.generated("""
                <bpmn:startEvent id="start" name="Order received"/>
                <bpmn:exclusiveGateway id="choice" name="Express?" default="to_normal"/>
                <bpmn:parallelGateway id="join"/>
                <bpmn:inclusiveGateway id="which" name="Which checks?" default="to_fraud"/>
                <bpmn:inclusiveGateway id="checked"/>
                %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s
                <bpmn:boundaryEvent id="too_late" attachedToRef="approve">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:endEvent id="end" name="Order shipped"/>
                <bpmn:endEvent id="late" name="Order late"/>
                """.formatted(flow("f1", "start", "choice"), conditional("to_express", "choice", "express", "express"),
                flow("to_normal", "choice", "normal"), task("express", "Ship express"), task("normal", "Ship normally"),
                flow("f2", "express", "join"), flow("f3", "normal", "join"), flow("f4", "join", "which"),
                conditional("to_medical", "which", "approve", "medical"), flow("to_fraud", "which", "fraud"),
                task("approve", "Approve claim"), task("fraud", "Check fraud"), flow("f5", "approve", "checked"),
                flow("f6", "fraud", "checked"), flow("f7", "checked", "end") + flow("f8", "too_late", "late")));

        ReducedNet reduced = ReducedNet.reduced(graph(model));

        assertThat(ids(reduced.nodes())).containsExactlyInAnyOrder("start", "choice", "join", "which", "approve", "checked",
                "too_late", "end", "late");
        assertThat(reduced.arcs()).filteredOn(arc -> arc.source().getId().equals("choice"))
                .allSatisfy(arc -> assertThat(arc.target().getId()).isEqualTo("join"))
                .extracting(arc -> ids(arc.through())).containsExactlyInAnyOrder(List.of("express"), List.of("normal"));
    }
}
