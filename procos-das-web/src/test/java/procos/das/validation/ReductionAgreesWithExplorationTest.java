package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The soundness verdict on the reduced net is the verdict of the full token game: the same rules are
 * broken, at the same elements (a loop without exit may be named by another of its elements), on
 * every real model at hand (the corpus and the shipped processes) and on unsound fragments nested in
 * parallel blocks as deep as the full token game can still explore.
 */
class ReductionAgreesWithExplorationTest {

    private static final List<Path> FOLDERS = List.of(Path.of("src/test/resources/validation/corpus"),
            Path.of("../procos-processes/src/main/resources/processes"));

    private final SoundnessCheck reduced = new SoundnessCheck(ValidationSettings.DEFAULTS.maxStates());
    private final SoundnessCheck full = new SoundnessCheck(ValidationSettings.DEFAULTS.maxStates(), false);
    private final StructureRules structure = new StructureRules();

    static List<Path> models() throws IOException {
        List<Path> models = new ArrayList<>();
        for (Path folder : FOLDERS) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(file -> file.toString().endsWith(".bpmn")).sorted().forEach(models::add);
            }
        }
        assertThat(models).hasSizeGreaterThanOrEqualTo(40);
        return models;
    }

    static Stream<Arguments> unsoundModels() {
        return Stream.of(NestedModels.DEADLOCK, NestedModels.UNSYNCHRONIZED, NestedModels.ENDLESS_LOOP)
                .flatMap(fragment -> IntStream.rangeClosed(1, 3).mapToObj(depth -> Arguments.of(fragment.entry(), depth,
                        NestedModels.parallel(depth, fragment))));
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyScopeOfARealModelGetsTheSameFindingsWithAndWithoutReduction(Path file) throws IOException {
        assertSameFindings(Files.readAllBytes(file));
    }

    @ParameterizedTest(name = "{0} at depth {1}")
    @MethodSource("unsoundModels")
    void unsoundFragmentsNestedInParallelBlocksGetTheSameFindingsWithAndWithoutReduction(String fragment, int depth, String model) {
        assertThat(assertSameFindings(Models.bytes(model))).isNotEmpty();
    }

    /** Asserts the findings agree on every scope; returns the rules broken. */
    private Set<String> assertSameFindings(byte[] xml) {
        Set<String> broken = new HashSet<>();
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
        boolean generated = ModelProperties.generated(model);
        for (Scope scope : Scope.of(model)) {
            FlowGraph graph = new FlowGraph(scope);
            if (scope.isEmpty() || !structure.check(graph, generated).soundnessApplies()) {
                continue;
            }
            SoundnessCheck.Result withReduction = reduced.check(graph);
            SoundnessCheck.Result without = full.check(graph);

            assertThat(withReduction.states()).as(scope.id()).isLessThanOrEqualTo(without.states());
            assertThat(without.findings()).as(scope.id()).noneMatch(finding -> finding.rule().equals(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED));
            assertThat(rules(withReduction)).as(scope.id()).isEqualTo(rules(without));
            for (String rule : List.of(Rules.SOUNDNESS_DEADLOCK, Rules.SOUNDNESS_IMPROPER_COMPLETION, Rules.SOUNDNESS_LACK_OF_SYNCHRONIZATION)) {
                assertThat(elements(withReduction, rule)).as(scope.id() + " " + rule).isEqualTo(elements(without, rule));
            }
            broken.addAll(rules(without));
        }
        return broken;
    }

    private static Set<String> rules(SoundnessCheck.Result result) {
        return result.findings().stream().map(Finding::rule).collect(Collectors.toSet());
    }

    private static Set<String> elements(SoundnessCheck.Result result, String rule) {
        return result.findings().stream().filter(finding -> finding.rule().equals(rule)).map(Finding::elementId).collect(Collectors.toSet());
    }
}
