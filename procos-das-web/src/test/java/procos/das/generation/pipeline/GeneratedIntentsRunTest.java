package procos.das.generation.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import procos.das.generation.compile.DescriptionCompiler;
import procos.das.generation.compile.ProcessMetadata;
import procos.das.generation.context.ContextAssembler;
import procos.das.generation.context.ContextSettings;
import procos.das.generation.context.KnowledgeRetriever;
import procos.das.generation.context.PatternLibrary;
import procos.das.generation.drafting.DescriptionStructure;
import procos.das.generation.drafting.IntentSet;
import procos.das.generation.drafting.deterministic.DeterministicDrafter;
import procos.das.generation.governance.GenerationPolicy;
import procos.das.generation.governance.GovernanceSettings;
import procos.das.generation.intent.IntentNormalizer;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.rag.LanguageModel;
import procos.das.testing.ProcessRun;
import procos.das.testing.TestEngine;
import procos.das.validation.BpmnValidator;
import procos.das.validation.ValidationSettings;

/**
 * Every intent of the developer-visible sets (the tuning set and the held-out one), through the whole
 * drafting loop without a model: its
 * draft validates (sound, no error), the default policy lets it pass, the BPMN has the structure the draft describes (user and
 * service tasks, parallel blocks, timers, message waits), it deploys in a real engine, and an
 * instance runs to its end with its tasks answered.
 */
class GeneratedIntentsRunTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start("generated-intents");
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void everyIntentOfTheSetDraftsASoundProcessThatDeploysAndRunsToItsEnd() throws Exception {
        IntentNormalizer normalizer = new IntentNormalizer();
        DraftingLoop loop = new DraftingLoop(new DraftRound(new DrafterChoice(DrafterChoice.Mode.DETERMINISTIC, LanguageModel.NONE,
                new DeterministicDrafter(), null), new DescriptionCompiler(), new BpmnValidator(ValidationSettings.DEFAULTS)), 3);
        ContextAssembler context = new ContextAssembler(PatternLibrary.builtIn(), null, List::of, KnowledgeRetriever.NONE,
                ContextSettings.DEFAULTS);
        List<String> problems = new ArrayList<>();
        List<IntentSet.Expected> intents = new ArrayList<>(IntentSet.load());
        assertThat(intents).hasSizeGreaterThanOrEqualTo(30);
        intents.addAll(IntentSet.heldOut());
        for (IntentSet.Expected entry : intents) {
            String id = entry.id();
            NormalizedIntent intent = normalizer.normalize(entry.intent());
            DraftingLoop.Result result = loop.run(intent, context.assemble(intent),
                    new ProcessMetadata(id.replace('-', '_'), 1, intent.text(), intent.domain(), "test"));
            if (!result.valid()) {
                problems.add(id + ": no valid draft: " + result.last().attempt().findings());
                continue;
            }
            BpmnModelInstance model = result.last().attempt().description() == null ? null
                    : org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(
                            new ByteArrayInputStream(result.last().stampedXml().getBytes(StandardCharsets.UTF_8)));
            DescriptionStructure drafted = DescriptionStructure.of(result.last().attempt().description());
            List<procos.das.validation.Finding> policy = new GenerationPolicy(GovernanceSettings.defaults(), taskType -> List.of())
                    .check(result.last().attempt().description(), model, intent.domain());
            if (!policy.isEmpty()) {
                problems.add(id + ": blocked by the default policy: " + policy);
                continue;
            }
            String structure = structureProblems(model, drafted);
            if (!structure.isEmpty()) {
                problems.add(id + ": " + structure);
                continue;
            }
            String key = id.replace('-', '_');
            engine.getRepositoryService().createDeployment().addString(key + ".bpmn", result.last().stampedXml()).deploy();
            try {
                HistoricProcessInstance ended = new ProcessRun(engine).answeringWhatIsExpected()
                        .untilEnd(engine.getRuntimeService().startProcessInstanceByKey(key, Map.of()).getId()).history();
                if (!"COMPLETED".equals(ended.getState())) {
                    problems.add(id + ": the instance ended " + ended.getState());
                }
            } catch (RuntimeException | AssertionError e) {
                problems.add(id + ": did not run to its end: " + e.getMessage());
            }
        }
        assertThat(problems).as("intents whose process did not validate, match its draft or run to its end").isEmpty();
    }

    private static String structureProblems(BpmnModelInstance model, DescriptionStructure drafted) {
        List<String> differences = new ArrayList<>();
        compare(differences, "user tasks", drafted.userTasks(), model.getModelElementsByType(UserTask.class).size());
        compare(differences, "service tasks", drafted.serviceTasks(), model.getModelElementsByType(ServiceTask.class).size());
        compare(differences, "parallel splits", drafted.parallels(), model.getModelElementsByType(ParallelGateway.class).stream()
                .filter(gateway -> gateway.getOutgoing().size() > 1).count());
        compare(differences, "timers", drafted.timerTriggers() + drafted.waits() + drafted.deadlines(),
                model.getModelElementsByType(TimerEventDefinition.class).size());
        compare(differences, "message waits", drafted.messageWaits(), model.getModelElementsByType(IntermediateCatchEvent.class)
                .stream().filter(event -> !event.getChildElementsByType(MessageEventDefinition.class).isEmpty()).count());
        return String.join("; ", differences);
    }

    private static void compare(List<String> differences, String what, long drafted, long compiled) {
        if (drafted != compiled) {
            differences.add(what + ": drafted " + drafted + ", compiled " + compiled);
        }
    }
}
