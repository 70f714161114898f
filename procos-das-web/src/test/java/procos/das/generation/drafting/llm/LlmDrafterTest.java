package procos.das.generation.drafting.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.das.generation.context.GenerationContext;
import procos.das.generation.description.Choice;
import procos.das.generation.description.Condition;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.description.PdeType;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Task;
import procos.das.generation.description.Trigger;
import procos.das.generation.description.Wait;
import procos.das.generation.drafting.Draft;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.drafting.DraftingException;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.rag.LanguageModel;
import procos.das.validation.Finding;

/** The drafter against a scripted model server, reached over HTTP through the PDE {@code llm} endpoint. */
class LlmDrafterTest {

    private static final NormalizedIntent INTENT = new NormalizedIntent(
            "When an order arrives, check stock; if the items are in stock the warehouse packs them, otherwise reorder. "
                    + "Wait a day, then ship the order.", "eng", "orders", List.of());

    private FakeChatServer model;

    @BeforeEach
    void startModel() throws IOException {
        model = new FakeChatServer();
    }

    @AfterEach
    void stopModel() {
        model.close();
    }

    @Test
    void aValidJsonAnswerBecomesTheDraftedDescription() throws Exception {
        model.answering(reply("order-fulfilment.json"));

        Draft draft = drafter().draft(DraftRequest.first(INTENT, GenerationContext.EMPTY));

        assertThat(draft.drafter()).isEqualTo("llm");
        ProcessDescription description = draft.description();
        assertThat(description.name()).isEqualTo("Order fulfilment");
        assertThat(description.trigger()).isEqualTo(new Trigger(Trigger.Kind.MESSAGE, "Order received", null, "order_received"));
        assertThat(description.steps()).hasSize(4);
        assertThat(description.steps().get(0)).isEqualTo(
                Task.service("Check stock", PdeType.INTEGRATION, "orders.check_stock", List.of("in_stock")));
        Choice choice = (Choice) description.steps().get(1);
        assertThat(choice.question()).isEqualTo("Items in stock?");
        assertThat(choice.branches().get(0).condition()).isEqualTo(Condition.isTrue("in_stock"));
        assertThat(choice.branches().get(1).condition()).isNull();
        assertThat(description.steps().get(2)).isInstanceOf(Wait.class);
        assertThat(model.systemPrompts()).singleElement().asString()
                .contains("Answer with one JSON object only").contains("exactly one default branch");
        assertThat(model.userPrompts()).singleElement().asString()
                .contains(UserPrompt.quoted(INTENT.text())).doesNotContain("REPAIR");
    }

    @Test
    void jsonInCodeFencesWithChatterAroundItIsRead() throws Exception {
        model.answering(reply("fenced-with-chatter.txt"));

        Draft draft = drafter().draft(DraftRequest.first(INTENT, GenerationContext.EMPTY));

        assertThat(draft.description().steps()).extracting(step -> ((Task) step).name())
                .containsExactly("Check stock", "Ship order");
    }

    @Test
    void anAnswerThatIsNotValidJsonIsRefusedSayingSo() {
        model.answering(reply("broken-json.txt"));

        DraftingException refused = refusal();

        assertThat(refused.code()).isEqualTo(LlmDrafter.MODEL_OUTPUT_INVALID);
        assertThat(refused.getMessage()).contains("not valid JSON").contains("Unexpected character (','");
    }

    @Test
    void aDescriptionTheReaderRefusesIsRefusedNamingTheFieldAtFault() {
        model.answering(reply("unknown-operator.json"));

        DraftingException refused = refusal();

        assertThat(refused.code()).isEqualTo(LlmDrafter.MODEL_OUTPUT_INVALID);
        assertThat(refused.getMessage()).contains("$.steps[1].branches[0].condition.operator").contains("ROUGHLY");
    }

    @Test
    void anUnsoundProcessIsRefusedWithEveryProblemNamedForTheRepairRound() {
        // A choice with no default branch can leave an instance stuck at its gateway; a choice on a
        // variable nothing sets fails at run time. Both are refused before anything compiles.
        model.answering(reply("unsound-choice.json"));

        DraftingException refused = refusal();

        assertThat(refused.code()).isEqualTo(LlmDrafter.MODEL_OUTPUT_INVALID);
        assertThat(refused.getMessage()).contains("$.steps[1].branches").contains("default")
                .contains("$.steps[2].branches[0].condition.variable").contains("invoice_approved");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bpmn-instead-of-json.xml | looks like XML",
            "script-step.json         | $.steps[0]",
            "expression-in-name.json  | $.steps[0].name: contains expression syntax '${…}'",
            "extra-top-level-field.json | bpmnXml",
            "two-objects.txt          | more than one JSON object"})
    void anAnswerThatTriesToBreakOutOfTheDescriptionIsRefused(String answer, String problem) {
        model.answering(reply(answer));

        DraftingException refused = refusal();

        assertThat(refused.code()).isEqualTo(LlmDrafter.MODEL_OUTPUT_INVALID);
        assertThat(refused.getMessage()).contains(problem);
    }

    @Test
    void aScriptStepIsRefusedAsAnUnknownStepType() {
        model.answering(reply("script-step.json"));

        assertThat(refusal().getMessage()).contains("'script'");
    }

    @Test
    void anAnswerLargerThanADescriptionMayBeIsRefusedUnread() {
        model.answering("{\"name\":\"" + "x".repeat(DescriptionJson.MAX_BYTES) + "\"}");

        DraftingException refused = refusal();

        assertThat(refused.code()).isEqualTo(LlmDrafter.MODEL_OUTPUT_INVALID);
        assertThat(refused.getMessage()).contains("at most " + DescriptionJson.MAX_BYTES);
    }

    @Test
    void aRepairRoundSendsThePreviousDescriptionAndItsFindingsToTheModel() throws Exception {
        String uncorrected = reply("order-fulfilment.json").replace("\"Check stock\"", "\"Stock\"");
        String corrected = reply("order-fulfilment.json");
        Finding naming = Finding.error("naming.activity", "stock", "Activity 'Stock' is not named verb + object");
        // The scripted model fixes its draft only when it is shown what was wrong with it.
        model.answering(prompt -> prompt.contains("naming.activity") && prompt.contains("\"stock\"")
                && prompt.contains("is not named verb + object") && prompt.contains("\"name\":\"Stock\"") ? corrected : uncorrected);
        LlmDrafter drafter = drafter();

        ProcessDescription first = drafter.draft(DraftRequest.first(INTENT, GenerationContext.EMPTY)).description();
        ProcessDescription repaired = drafter.draft(
                new DraftRequest(INTENT, GenerationContext.EMPTY, 2, first, List.of(naming))).description();

        assertThat(((Task) first.steps().get(0)).name()).isEqualTo("Stock");
        assertThat(((Task) repaired.steps().get(0)).name()).isEqualTo("Check stock");
        assertThat(model.userPrompts()).hasSize(2);
        assertThat(model.userPrompts().get(1)).contains("=== REPAIR === (attempt 2)")
                .contains(DescriptionJson.write(first))
                .contains("\"naming.activity\", \"stock\", \"Activity 'Stock' is not named verb + object\"");
    }

    @Test
    void aModelServerErrorIsReportedAsTheModelBeingUnavailable() {
        model.failingWith(503);

        DraftingException refused = refusal();

        assertThat(refused.code()).isEqualTo(LlmDrafter.MODEL_UNAVAILABLE);
        assertThat(model.userPrompts()).isNotEmpty();
    }

    @Test
    void withoutAModelTheDrafterSaysSoWithoutAsking() {
        DraftingException refused = catchThrowableOfType(DraftingException.class,
                () -> new LlmDrafter(LanguageModel.NONE).draft(DraftRequest.first(INTENT, GenerationContext.EMPTY)));

        assertThat(refused.code()).isEqualTo(LlmDrafter.MODEL_UNAVAILABLE);
        assertThat(new LlmDrafter(LanguageModel.NONE).available()).isFalse();
    }

    private LlmDrafter drafter() {
        return new LlmDrafter(model.languageModel());
    }

    private DraftingException refusal() {
        DraftingException refused = catchThrowableOfType(DraftingException.class,
                () -> drafter().draft(DraftRequest.first(INTENT, GenerationContext.EMPTY)));
        assertThat(refused).as("a DraftingException").isNotNull();
        return refused;
    }

    static String reply(String name) {
        try (InputStream in = LlmDrafterTest.class.getResourceAsStream("/generation/llm/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /generation/llm/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
