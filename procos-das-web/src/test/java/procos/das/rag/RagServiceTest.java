package procos.das.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.vector.SearchMode;

/** Answers from a real index and the real embedding model; the language model is scripted where one is used. */
class RagServiceTest {

    @TempDir
    static Path index;
    private static KnowledgeFixture knowledge;

    @BeforeAll
    static void buildKnowledgeBase() {
        knowledge = new KnowledgeFixture(index);
    }

    @AfterAll
    static void close() {
        knowledge.close();
    }

    private static RagService without(LanguageModel model) {
        return new RagService(knowledge.embedder, knowledge.store, model, RagSettings.DEFAULTS);
    }

    @Test
    void extractiveAnswerQuotesTheMatchingSentenceAndCitesItsSource() {
        Answer answer = without(LanguageModel.NONE).ask(Question.of("Which port does the PDE gRPC server listen on?"));

        assertThat(answer.method()).isEqualTo(AnswerMethod.EXTRACTIVE);
        assertThat(answer.text()).startsWith("The PDE gRPC server listens on port 50051").contains("[1]");
        assertThat(answer.sources()).first().satisfies(source -> {
            assertThat(source.number()).isEqualTo(1);
            assertThat(source.sourceId()).isEqualTo(KnowledgeFixture.PORTS);
            assertThat(source.position()).isZero();
            assertThat(source.relevance()).isGreaterThan(RagSettings.DEFAULTS.minRelevance());
        });
        assertThat(answer.sources()).extracting(Citation::sourceId).doesNotContain(KnowledgeFixture.BRIDGES);
    }

    @Test
    void extractiveAnswerFromAMarkdownChunkQuotesTheSentenceWithoutTheHeadingAboveIt() {
        String chunk = "# Korvath lighthouse\n\nThe Korvath lighthouse was built in 1872 by the engineer Mirela Tosk. "
                + "Its lamp can be seen from 31 kilometres away.\n";
        Citation retrieved = new Citation(1, "kb/lighthouse.md#0", "kb/lighthouse.md", 0, 0.8, chunk);

        Answer answer = without(LanguageModel.NONE).synthesize(Question.of("Who built the Korvath lighthouse?"), List.of(retrieved));

        assertThat(answer.method()).isEqualTo(AnswerMethod.EXTRACTIVE);
        assertThat(answer.text()).startsWith("The Korvath lighthouse was built in 1872 by the engineer Mirela Tosk. [1]")
                .doesNotContain("#");
    }

    @Test
    void everyCitationInAnExtractiveAnswerPointsAtAListedSource() {
        Answer answer = without(LanguageModel.NONE).ask(Question.of("How hot should the water be for green tea?"));

        assertThat(answer.text()).contains("80 degrees");
        List<Integer> numbers = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(answer.text());
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        assertThat(numbers).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, answer.sources().size()));
        assertThat(answer.sources()).extracting(Citation::sourceId).contains(KnowledgeFixture.TEA);
    }

    @Test
    void questionOutsideTheKnowledgeBaseIsNotFoundRatherThanAnswered() {
        Answer answer = without(LanguageModel.NONE).ask(Question.of("Who won the football world cup in 1998?"));

        assertThat(answer.method()).isEqualTo(AnswerMethod.NOT_FOUND);
        assertThat(answer.found()).isFalse();
        assertThat(answer.text()).isEqualTo("Not found in the knowledge base.");
        assertThat(answer.sources()).isEmpty();
    }

    @Test
    void groundedAnswerKeepsOnlyCitationsOfSourcesItWasGiven() {
        List<String> prompts = new ArrayList<>();
        LanguageModel model = scripted(prompts, "Port 50051 [1], unless overridden [1]. Also see [9].");

        Answer answer = without(model).ask(Question.of("Which port does the PDE gRPC server listen on?"));

        assertThat(answer.method()).isEqualTo(AnswerMethod.GROUNDED);
        assertThat(answer.text()).isEqualTo("Port 50051 [1], unless overridden [1]. Also see .");
        assertThat(answer.sources()).singleElement().extracting(Citation::sourceId).isEqualTo(KnowledgeFixture.PORTS);
        assertThat(prompts).singleElement().satisfies(prompt -> {
            assertThat(prompt).contains("[1] (from " + KnowledgeFixture.PORTS + ")", "Question: Which port");
            assertThat(prompt).as("only relevant chunks reach the model").doesNotContain("Golden Gate");
        });
    }

    @Test
    void groundedCitationsAreRenumberedInTheOrderTheAnswerUsesThem() {
        Question question = new Question("How should green tea and black tea be brewed?", 5, SearchMode.HYBRID, Map.of());
        RagService rag = without(scripted(new ArrayList<>(), "Black tea for four minutes [2]; green tea at 80 degrees [1]."));
        List<Citation> retrieved = rag.retrieve(question);
        assertThat(retrieved).hasSizeGreaterThanOrEqualTo(2);

        Answer answer = rag.synthesize(question, retrieved);

        assertThat(answer.text()).isEqualTo("Black tea for four minutes [1]; green tea at 80 degrees [2].");
        assertThat(answer.sources().get(0).chunkId()).isEqualTo(retrieved.get(1).chunkId());
        assertThat(answer.sources().get(1).chunkId()).isEqualTo(retrieved.get(0).chunkId());
    }

    @Test
    void modelReplyWithoutCitationsGivesWayToTheExtractiveAnswer() {
        Answer answer = without(scripted(new ArrayList<>(), "It is probably port 8080."))
                .ask(Question.of("Which port does the PDE gRPC server listen on?"));

        assertThat(answer.method()).isEqualTo(AnswerMethod.EXTRACTIVE);
        assertThat(answer.text()).contains("50051").doesNotContain("8080");
        assertThat(answer.note()).contains("cited none of the sources");
    }

    @Test
    void failingModelGivesWayToTheExtractiveAnswer() {
        LanguageModel broken = new LanguageModel() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public String complete(String system, String prompt) throws Exception {
                throw new java.io.IOException("connection refused");
            }
        };

        Answer answer = without(broken).ask(Question.of("Which port does the PDE gRPC server listen on?"));

        assertThat(answer.method()).isEqualTo(AnswerMethod.EXTRACTIVE);
        assertThat(answer.note()).contains("connection refused");
    }

    @Test
    void modelThatFindsNothingInTheSourcesYieldsNotFound() {
        Answer answer = without(scripted(new ArrayList<>(), "Not found in the knowledge base."))
                .ask(Question.of("Which port does the PDE gRPC server listen on?"));

        assertThat(answer.method()).isEqualTo(AnswerMethod.NOT_FOUND);
        assertThat(answer.sources()).isEmpty();
    }

    @Test
    void aPassageStoredUnderTwoSourcesIsCitedOnce(@TempDir Path otherIndex) {
        try (KnowledgeFixture copies = new KnowledgeFixture(otherIndex)) {
            copies.addCopy(KnowledgeFixture.TEA, "mirror/tea-copy.md");
            RagService rag = new RagService(copies.embedder, copies.store, LanguageModel.NONE, RagSettings.DEFAULTS);

            Answer answer = rag.ask(Question.of("How hot should the water be for green tea?"));

            assertThat(answer.sources()).extracting(Citation::text).doesNotHaveDuplicates();
            assertThat(answer.sources()).extracting(Citation::sourceId).contains(KnowledgeFixture.TEA)
                    .doesNotContain("mirror/tea-copy.md");
        }
    }

    @Test
    void unsearchableQuestionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Question.of("   ")).isInstanceOf(InvalidQuestionException.class).hasMessage("question is empty");
        assertThatThrownBy(() -> Question.of("?!... ;;; ---")).isInstanceOf(InvalidQuestionException.class)
                .hasMessageContaining("no letters or digits");
        assertThatThrownBy(() -> Question.of("why ".repeat(25_600))).isInstanceOf(InvalidQuestionException.class)
                .hasMessageContaining("102399 characters long").hasMessageContaining("at most 4000");
        assertThatThrownBy(() -> new Question("ports", 0, SearchMode.DENSE, Map.of()))
                .isInstanceOf(InvalidQuestionException.class).hasMessageContaining("k must be between 1 and 50");
    }

    @Test
    void filtersRestrictTheSourcesAnAnswerMayUse() {
        Question onlyTea = new Question("Which port does the PDE gRPC server listen on?", 5, SearchMode.DENSE,
                Map.of("source_id", KnowledgeFixture.TEA));

        Answer answer = without(LanguageModel.NONE).ask(onlyTea);

        assertThat(answer.sources()).extracting(Citation::sourceId).doesNotContain(KnowledgeFixture.PORTS);
    }

    private static LanguageModel scripted(List<String> prompts, String reply) {
        return new LanguageModel() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public String complete(String system, String prompt) {
                assertThat(system).contains("only the numbered sources");
                prompts.add(prompt);
                return reply;
            }
        };
    }
}
