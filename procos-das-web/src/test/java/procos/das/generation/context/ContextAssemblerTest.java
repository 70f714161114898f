package procos.das.generation.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.das.generation.context.GenerationContext.Pattern;
import procos.das.generation.context.GenerationContext.SimilarProcess;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.rag.Citation;
import procos.das.rag.LanguageModel;
import procos.das.rag.Question;
import procos.das.rag.RagService;
import procos.das.rag.RagSettings;
import procos.das.vector.Chunk;
import procos.das.vector.InMemoryVectorRepository;

/** The context of an intent, chosen with the real in-process embedding model (and without one). */
class ContextAssemblerTest {

    private static Embedder embedder;

    @BeforeAll
    static void loadModel() {
        embedder = new OnnxEmbedder(OnnxModel.DEFAULT);
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Every Monday morning collect the sales numbers and email a summary to the management team | Scheduled report",
            "When a customer reports an outage, find out how severe it is, page the on-call engineer if it is critical and close the ticket once it is fixed | Incident handling",
            "A clerk prepares each supplier payment and a second person has to approve it before the bank transfer is made | Four-eyes payment",
            "Before a new hire starts, IT sets up a laptop, HR prepares the contract papers and facilities assigns a desk | Onboarding checklist",
            "Legal and finance both review the contract at the same time before it is signed | Parallel review",
            "Push the data to the partner API and try again up to three times if it fails, then alert an operator | Retry with limit",
            "Employees submit leave requests that their manager approves or rejects; if the manager does not answer within three days the department head decides | Approval with escalation",
            "Send the customer a quote and wait for their answer; if they have not replied after a week, close it | Wait for reply with timeout",
            "Customer orders are checked, shipped and invoiced, then we wait until the customer pays | Order to cash",
            "Marketing asks for a banner, the designer makes it and the requester sends it back for changes until it is right | Request and fulfil with rework"})
    void theEmbeddingModelPutsTheFittingPatternFirst(String intent, String pattern) {
        List<Pattern> chosen = assembler(embedder, List::of, KnowledgeRetriever.NONE).patternsFor(intent);

        assertThat(chosen).hasSize(3);
        assertThat(chosen.get(0).name()).isEqualTo(pattern);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Generate the monthly finance report on a schedule and send it to the board | Scheduled report",
            "Each payment is prepared by one person and approved by a second person before it is executed | Four-eyes payment",
            "An incident is reported, classified by severity and resolved | Incident handling"})
    void withoutAnEmbedderSharedWordsChooseThePattern(String intent, String pattern) {
        List<Pattern> chosen = assembler(null, List::of, KnowledgeRetriever.NONE).patternsFor(intent);

        assertThat(chosen).hasSize(3);
        assertThat(chosen.get(0).name()).isEqualTo(pattern);
    }

    @Test
    void deployedProcessesWithASimilarIntentAreListedBestFirstAndUnrelatedOnesLeftOut() {
        List<DeployedProcess> deployed = List.of(
                new DeployedProcess("vacation_request", "Vacation request",
                        "Employees request vacation days and their manager approves or rejects the request."),
                new DeployedProcess("tea_order", "Tea order", "Order green tea for the office kitchen every month."),
                new DeployedProcess("sick_leave", "Sick leave", "Employees report sick leave and HR records it."),
                new DeployedProcess("rag_query", "RAG query", "Answer a question from the knowledge base, with its sources."));

        GenerationContext context = assembler(embedder, () -> deployed, KnowledgeRetriever.NONE)
                .assemble(intent("Staff ask for days off and the manager approves or declines the leave request."));

        assertThat(context.similarProcesses()).extracting(SimilarProcess::key).first().isEqualTo("vacation_request");
        assertThat(context.similarProcesses()).extracting(SimilarProcess::key).doesNotContain("tea_order", "rag_query");
        assertThat(context.similarProcesses()).allSatisfy(process ->
                assertThat(process.similarity()).isGreaterThanOrEqualTo(ContextSettings.DEFAULTS.minProcessSimilarity()));
        assertThat(context.similarProcesses().get(0).intent()).startsWith("Employees request vacation days");
    }

    @Test
    void knowledgeComesFromTheKnowledgeBaseCutToAboutFiveHundredCharacters() {
        InMemoryVectorRepository store = new InMemoryVectorRepository();
        String policy = "Leave requests must be approved by the line manager within three working days. "
                + "Requests that are not decided in time go to the head of department. ".repeat(10);
        String tea = "Green tea should be brewed with water at about 80 degrees Celsius for two to three minutes.";
        List<float[]> vectors = embedder.embedAll(List.of(policy, tea));
        store.upsert(List.of(new Chunk("hr/leave.md#0", "hr/leave.md", 0, policy, vectors.get(0), Map.of()),
                new Chunk("notes/tea.md#0", "notes/tea.md", 0, tea, vectors.get(1), Map.of())));
        RagService rag = new RagService(embedder, store, LanguageModel.NONE, RagSettings.DEFAULTS);

        GenerationContext context = assembler(embedder, List::of, rag::retrieve)
                .assemble(intent("Approve leave requests from employees, escalating to the head of department when late."));

        assertThat(context.knowledge()).singleElement().satisfies(passage -> {
            assertThat(passage.source()).isEqualTo("hr/leave.md");
            assertThat(passage.text()).startsWith("Leave requests must be approved").endsWith("…");
            assertThat(passage.text().length()).isLessThanOrEqualTo(ContextSettings.DEFAULTS.passageChars());
            assertThat(passage.relevance()).isGreaterThan(RagSettings.DEFAULTS.minRelevance());
        });
    }

    @Test
    void anEmptyOrFailingKnowledgeBaseLeavesTheKnowledgeEmptyAndTheRestIntact() {
        RagService empty = new RagService(embedder, new InMemoryVectorRepository(), LanguageModel.NONE, RagSettings.DEFAULTS);
        KnowledgeRetriever failing = question -> {
            throw new IllegalStateException("vector store is closed");
        };

        GenerationContext fromEmpty = assembler(embedder, List::of, empty::retrieve).assemble(intent("Approve invoices"));
        GenerationContext fromFailing = assembler(embedder, () -> {
            throw new IllegalStateException("engine is stopping");
        }, failing).assemble(intent("Approve invoices"));

        assertThat(fromEmpty.knowledge()).isEmpty();
        assertThat(fromEmpty.patterns()).hasSize(3);
        assertThat(fromFailing.knowledge()).isEmpty();
        assertThat(fromFailing.similarProcesses()).isEmpty();
        assertThat(fromFailing.patterns()).hasSize(3);
    }

    @Test
    void theKnowledgeBaseIsAskedForAsManyPassagesAsTheContextKeeps() {
        AtomicReference<Question> asked = new AtomicReference<>();
        KnowledgeRetriever recording = question -> {
            asked.set(question);
            return List.of(new Citation(1, "a#0", "a", 0, 0.9, "first"), new Citation(2, "b#0", "b", 0, 0.8, "second"));
        };
        ContextSettings one = new ContextSettings(3, 3, 1, 0.5, 500, 12_000);

        GenerationContext context = new ContextAssembler(PatternLibrary.builtIn(), null, List::of, recording, one)
                .assemble(intent("x".repeat(Question.MAX_CHARS + 10)));

        assertThat(asked.get().k()).isEqualTo(1);
        assertThat(asked.get().text()).hasSize(Question.MAX_CHARS);
        assertThat(context.knowledge()).extracting(GenerationContext.Knowledge::source).containsExactly("a");
    }

    @Test
    void theWholeContextStaysWithinItsCharacterBudget() {
        ContextSettings small = new ContextSettings(3, 3, 3, 0.0, 500, 1_500);
        List<DeployedProcess> deployed = List.of(new DeployedProcess("expense", "Expense claim", "Approve expense claims. ".repeat(20)));

        GenerationContext context = new ContextAssembler(PatternLibrary.builtIn(), embedder, () -> deployed,
                question -> List.of(new Citation(1, "a#0", "a", 0, 0.9, "Expenses over 500 EUR need two approvals.")), small)
                .assemble(intent("Approve expense claims"));

        assertThat(ContextBudget.size(context)).isLessThanOrEqualTo(1_500);
        assertThat(context.patterns()).isNotEmpty();
        assertThat(context.patterns().size()).isLessThan(3);
    }

    private static ContextAssembler assembler(Embedder embedder, java.util.function.Supplier<List<DeployedProcess>> deployed,
                                              KnowledgeRetriever knowledge) {
        return new ContextAssembler(PatternLibrary.builtIn(), embedder, deployed, knowledge, ContextSettings.DEFAULTS);
    }

    private static NormalizedIntent intent(String text) {
        return new NormalizedIntent(text, "eng", "general", List.of());
    }
}
