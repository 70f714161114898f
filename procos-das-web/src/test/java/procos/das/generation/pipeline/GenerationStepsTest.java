package procos.das.generation.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.generation.compile.DescriptionCompiler;
import procos.das.generation.context.ContextAssembler;
import procos.das.generation.context.ContextSettings;
import procos.das.generation.context.KnowledgeRetriever;
import procos.das.generation.context.PatternLibrary;
import procos.das.generation.drafting.deterministic.DeterministicDrafter;
import procos.das.generation.drafting.llm.LlmDrafter;
import procos.das.generation.governance.AuditEvent;
import procos.das.generation.governance.AuditEventType;
import procos.das.generation.governance.AuditLog;
import procos.das.generation.governance.GenerationPolicy;
import procos.das.generation.governance.GovernanceSettings;
import procos.das.generation.governance.ProcessVersions;
import procos.das.generation.intent.IntentNormalizer;
import procos.das.generation.store.Decision;
import procos.das.generation.store.GenerationRecord;
import procos.das.generation.store.GenerationStatus;
import procos.das.generation.store.GenerationStore;
import procos.das.rag.LanguageModel;
import procos.das.testing.TestEngine;
import procos.das.validation.BpmnValidator;
import procos.das.validation.ValidationSettings;

/**
 * The steps of {@code process_generation} on real parts — the NLP drafter or a scripted language
 * model, the compiler, the validator, the policy, a real engine — in the order the process runs them.
 */
class GenerationStepsTest {

    private static final String ORDER_INTENT = "When an order arrives, check stock. If items are available, ship the order, "
            + "otherwise notify the customer. Then send the invoice.";

    @TempDir
    Path data;

    private ProcessEngine engine;
    private GenerationStore store;
    private AuditLog audit;
    private final ScriptedModel model = new ScriptedModel();

    @BeforeEach
    void start() throws Exception {
        engine = TestEngine.start("generation-steps");
        store = new GenerationStore(data.resolve("requests"), Clock.systemUTC());
        audit = AuditLog.open(data.resolve("audit.jsonl"));
    }

    @AfterEach
    void stop() throws Exception {
        audit.close();
        engine.close();
    }

    @Test
    void deterministicDraftIsValidatedApprovedAndDeployedWithItsAuditTrail() throws Exception {
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = store.create(ORDER_INTENT, "olivia", null, null).id();

        assertThat(steps.normalize(id).values()).containsEntry("intent_ok", true).containsEntry("language", "eng");
        steps.assembleContext(id);
        assertThat(steps.draft(id).values()).containsEntry("drafter", "deterministic");
        Map<String, Object> validated = steps.validate(id).values();
        assertThat(validated).as(validated.toString()).containsEntry("valid", true).containsEntry("attempts", 1);
        assertThat(steps.checkPolicy(id).values()).containsEntry("policy_ok", true).containsEntry("approval_required", true);
        assertThat(steps.deploy(id, new Decision(true, "alice", "fine", Instant.now())).values()).containsEntry("status", "DEPLOYED");

        GenerationRecord record = store.get(id);
        ProcessDefinition definition = engine.getRepositoryService().getProcessDefinition(record.deployment().definitionId());
        assertThat(definition.getKey()).isEqualTo(record.processKey());
        assertThat(Bpmn.convertToString(engine.getRepositoryService().getBpmnModelInstance(definition.getId())))
                .contains("procos.validation_hash").contains(record.validationHash());
        assertThat(audit.byGenerationId(id, 10)).extracting(AuditEvent::event).containsExactly(
                AuditEventType.PROCESS_DEPLOYED, AuditEventType.PROCESS_APPROVED, AuditEventType.PROCESS_GENERATED);
        assertThat(audit.byGenerationId(id, 10)).extracting(AuditEvent::actor).containsExactly("alice", "alice", "olivia");
        assertThat(record.timingsMs()).containsKeys("normalize", "context", "draft", "validate", "policy", "deploy");
    }

    @Test
    void invalidModelOutputIsDraftedAgainWithTheFindingsUntilItValidates() throws Exception {
        model.replies.add("Sure! Here is your process: {\"name\": \"Order handling\", \"steps\": [");
        model.replies.add(validDescription("orders.check_stock"));
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = ready(steps, ORDER_INTENT);

        steps.draft(id);
        Map<String, Object> first = steps.validate(id).values();
        assertThat(first).containsEntry("valid", false).containsEntry("can_repair", true);
        assertThat(first.get("findings").toString()).contains("draft.model_output_invalid");

        steps.draft(id);
        assertThat(model.prompts.get(1)).as("the repair prompt carries the findings").contains("model_output_invalid");
        assertThat(steps.validate(id).values()).containsEntry("valid", true).containsEntry("attempts", 2);
        assertThat(store.get(id).attempts()).extracting(a -> a.drafter()).containsExactly("llm", "llm");
    }

    @Test
    void draftStillInvalidAfterTheLastAttemptEndsTheRequestAsFailed() throws Exception {
        for (int i = 0; i < 3; i++) {
            model.replies.add("not json at all");
        }
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = ready(steps, ORDER_INTENT);
        for (int attempt = 1; attempt <= 3; attempt++) {
            steps.draft(id);
            Map<String, Object> verdict = steps.validate(id).values();
            assertThat(verdict).containsEntry("can_repair", attempt < 3);
        }
        assertThat(store.get(id).status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(store.get(id).message()).contains("no valid draft after 3 attempts");
    }

    @Test
    void intentWithNoActionableStepFailsWithoutFurtherAttempts() throws Exception {
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = ready(steps, "The weather is nice today and the sky is blue.");
        steps.draft(id);
        assertThat(steps.validate(id).values()).containsEntry("valid", false).containsEntry("can_repair", false);
        assertThat(store.get(id).status()).isEqualTo(GenerationStatus.FAILED);
    }

    @Test
    void emptyIntentIsRefusedAtNormalization() throws Exception {
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = store.create("   \n ", "olivia", null, null).id();
        assertThat(steps.normalize(id).values()).containsEntry("intent_ok", false).containsEntry("status", "REFUSED");
    }

    @Test
    void forbiddenTaskTypeFromTheModelIsBlockedByThePolicy() throws Exception {
        model.replies.add(validDescription("script.run"));
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = ready(steps, ORDER_INTENT);
        steps.draft(id);
        steps.validate(id);
        Map<String, Object> policy = steps.checkPolicy(id).values();
        assertThat(policy).containsEntry("policy_ok", false);
        assertThat(policy.get("findings").toString()).contains("policy.forbidden_task_type");
        assertThat(store.get(id).status()).isEqualTo(GenerationStatus.BLOCKED_BY_POLICY);
    }

    @Test
    void generatedProcessCannotTakeTheKeyOfAProcessItDidNotCreate() throws Exception {
        engine.getRepositoryService().createDeployment().addModelInstance("order_handling.bpmn",
                Bpmn.createExecutableProcess("order_handling").camundaHistoryTimeToLive(1).startEvent().endEvent().done()).deploy();
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = store.create(ORDER_INTENT, "olivia", null, "order_handling").id();
        steps.normalize(id);
        steps.assembleContext(id);
        steps.draft(id);
        steps.validate(id);
        Map<String, Object> policy = steps.checkPolicy(id).values();
        assertThat(policy).containsEntry("policy_ok", false);
        assertThat(policy.get("findings").toString()).contains("policy.reserved_key");
    }

    @Test
    void deployRunAgainAfterACrashDoesNotDeployTwice() throws Exception {
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = ready(steps, ORDER_INTENT);
        steps.draft(id);
        steps.validate(id);
        steps.checkPolicy(id);
        Decision decision = new Decision(true, "alice", "", Instant.now());
        steps.deploy(id, decision);
        steps.deploy(id, decision);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(store.get(id).processKey()).count()).isEqualTo(1);
    }

    @Test
    void rollingBackToAnEarlierGeneratedVersionKeepsItsValidationCertificate() throws Exception {
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        Decision decision = new Decision(true, "alice", "", Instant.now());
        for (String intent : List.of(ORDER_INTENT, ORDER_INTENT + " Finally archive the order.")) {
            String id = store.create(intent, "olivia", null, "order_handling").id();
            steps.normalize(id);
            steps.assembleContext(id);
            steps.draft(id);
            steps.validate(id);
            steps.checkPolicy(id);
            steps.deploy(id, decision);
        }
        ProcessVersions versions = new ProcessVersions(engine, 10);
        ProcessDefinition newest = engine.getRepositoryService().getProcessDefinition(
                versions.rollback("order_handling", 1, "alice").deployed().version().definitionId());

        String xml = Bpmn.convertToString(engine.getRepositoryService().getBpmnModelInstance(newest.getId()));
        assertThat(xml).contains("procos.rolled_back_from").doesNotContain("Archive order");
        assertThat(new BpmnValidator(ValidationSettings.DEFAULTS).validate(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .findings()).extracting(procos.das.validation.Finding::rule).doesNotContain("metadata.hash_mismatch");
    }

    @Test
    void rejectionIsRecordedWithWhoRejectedAndNothingIsDeployed() throws Exception {
        GenerationSteps steps = steps(GovernanceSettings.defaults());
        String id = ready(steps, ORDER_INTENT);
        steps.draft(id);
        steps.validate(id);
        steps.checkPolicy(id);
        steps.recordRejection(id, new Decision(false, "bob", "not our process", Instant.now()));
        assertThat(store.get(id).status()).isEqualTo(GenerationStatus.REJECTED);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isZero();
        assertThat(audit.byGenerationId(id, 1).get(0).event()).isEqualTo(AuditEventType.PROCESS_REJECTED);
        assertThat(audit.byGenerationId(id, 1).get(0).actor()).isEqualTo("bob");
    }

    private String ready(GenerationSteps steps, String intent) throws Exception {
        String id = store.create(intent, "olivia", null, null).id();
        steps.normalize(id);
        steps.assembleContext(id);
        return id;
    }

    private GenerationSteps steps(GovernanceSettings governance) {
        DrafterChoice drafters = new DrafterChoice(DrafterChoice.Mode.AUTO, model, new DeterministicDrafter(), new LlmDrafter(model));
        DraftRound rounds = new DraftRound(drafters, new DescriptionCompiler(), new BpmnValidator(ValidationSettings.DEFAULTS));
        ContextAssembler context = new ContextAssembler(PatternLibrary.builtIn(), null, List::of, KnowledgeRetriever.NONE,
                ContextSettings.DEFAULTS);
        ProcessVersions versions = new ProcessVersions(engine, 10);
        return new GenerationSteps(store, new IntentNormalizer(), context, rounds,
                new GenerationPolicy(governance, taskType -> List.of()), versions, audit,
                new ReservedKeys(engine.getRepositoryService()), versions::nextVersion, 3, Clock.systemUTC());
    }

    private static String validDescription(String taskType) {
        return """
                {"name":"Order handling","domain":"orders","roles":["clerk"],
                 "trigger":{"kind":"NONE","name":"Order received"},
                 "steps":[
                  {"type":"task","name":"Check stock","kind":"SERVICE","pdeType":"INTEGRATION","taskType":"%s","outputs":["in_stock"]},
                  {"type":"choice","question":"Items available?","branches":[
                   {"label":"yes","condition":{"variable":"in_stock","operator":"IS_TRUE"},"steps":[
                    {"type":"task","name":"Ship order","kind":"SERVICE","pdeType":"INTEGRATION","taskType":"orders.ship_order"}]},
                   {"label":"no","steps":[
                    {"type":"task","name":"Notify customer","kind":"USER","role":"clerk"}]}]}]}
                """.formatted(taskType);
    }

    /** A language model that answers from a script, in order, and keeps the prompts it was given. */
    private static final class ScriptedModel implements LanguageModel {

        final Deque<String> replies = new ArrayDeque<>();
        final List<String> prompts = new ArrayList<>();

        @Override
        public boolean available() {
            return !replies.isEmpty();
        }

        @Override
        public String complete(String system, String prompt) {
            prompts.add(prompt);
            return replies.removeFirst();
        }
    }
}
