package procos.das.api.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.das.api.ApiProblem;
import procos.das.api.knowledge.KnowledgeFolder;
import procos.das.testing.TestEngine;

/** The shipped rag_query process on a real engine; its two tasks are completed here as the DAS endpoint would. */
class AsyncQuestionsTest {

    private static final Path RAG_QUERY = Path.of("../procos-processes/src/main/resources/processes/rag_query.bpmn");
    private static final Path ROOT = Path.of("/srv/knowledge").toAbsolutePath();

    private ProcessEngine engine;
    private AsyncQuestions questions;

    @BeforeEach
    void deploy() throws Exception {
        engine = TestEngine.start("async-questions");
        engine.getRepositoryService().createDeployment().addInputStream("rag_query.bpmn", Files.newInputStream(RAG_QUERY)).deploy();
        questions = new AsyncQuestions(engine, new AskAnswers(new KnowledgeFolder(ROOT)));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aQuestionRunsUntilItsProcessAnswersThenCarriesTheAnswerAndSources() {
        AskState started = questions.start(AskRequest.from(Map.of("question", "Who is the captain?", "top_k", 3)), "ana");
        assertThat(started.state()).isEqualTo("running");
        assertThat(questions.state(started.id(), "ana", false).state()).isEqualTo("running");

        complete("das.rag.retrieve", Map.of("found", true, "retrieval_id", "r-1", "sources_found", 1));
        complete("das.rag.answer", Map.of("answer", "Odile Varga is the captain. [1]", "answer_method", "EXTRACTIVE",
                "sources", "[{\"n\":1,\"source\":\"" + ROOT.resolve("uploads/ferry.md") + "\",\"position\":2,\"relevance\":0.71,"
                        + "\"snippet\":\"Odile Varga is the captain of the ferry.\",\"heading\":\"Crew\",\"char_start\":\"120\",\"char_end\":\"160\"}]"));

        AskState done = questions.state(started.id(), "ana", false);
        assertThat(done.state()).isEqualTo("done");
        assertThat(done.error()).isNull();
        assertThat(done.answer().question()).isEqualTo("Who is the captain?");
        assertThat(done.answer().answer()).isEqualTo("Odile Varga is the captain. [1]");
        assertThat(done.answer().method()).isEqualTo("extractive");
        assertThat(done.answer().sources()).containsExactly(new AskSource(1, "uploads/ferry.md", "Crew",
                "Odile Varga is the captain of the ferry.", "chars 120-160 | chunk 2", 0.71));
    }

    @Test
    void theProcessIsGivenTheQuestionsTopK() {
        AskState started = questions.start(AskRequest.from(Map.of("question", "Who?", "top_k", 7)), "ana");

        assertThat(engine.getRuntimeService().getVariable(started.id(), "k")).isEqualTo(7L);
    }

    @Test
    void onlyTheAskerOrAnAdminMayReadAQuestion() {
        AskState started = questions.start(AskRequest.from(Map.of("question", "Who?")), "ana");

        assertThatThrownBy(() -> questions.state(started.id(), "bob", false))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
        assertThat(questions.state(started.id(), "bob", true).state()).isEqualTo("running");
        assertThatThrownBy(() -> questions.state("no-such-id", "ana", true))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
    }

    @Test
    void aQuestionWhoseTaskRanOutOfRetriesHasFailedWithTheReason() {
        AskState started = questions.start(AskRequest.from(Map.of("question", "Who?")), "ana");
        LockedExternalTask task = lock("das.rag.retrieve");
        engine.getExternalTaskService().handleFailure(task.getId(), "test-worker", "vector store unreachable", 0, 0);

        AskState failed = questions.state(started.id(), "ana", false);

        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error()).isEqualTo("vector store unreachable");
    }

    private void complete(String topic, Map<String, Object> variables) {
        engine.getExternalTaskService().complete(lock(topic).getId(), "test-worker", variables);
    }

    private LockedExternalTask lock(String topic) {
        List<LockedExternalTask> tasks = engine.getExternalTaskService().fetchAndLock(1, "test-worker").topic(topic, 60_000).execute();
        assertThat(tasks).as(topic).hasSize(1);
        return tasks.get(0);
    }
}
