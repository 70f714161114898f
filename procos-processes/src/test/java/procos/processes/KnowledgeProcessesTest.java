package procos.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DAS processes' flow on a real engine, with this test in the place of the PDEs: it fetches
 * each external task by its topic, checks the inputs the process hands over, and completes it with
 * the outputs a DAS endpoint would give.
 */
class KnowledgeProcessesTest {

    private ProcessEngine engine;
    private ExternalTaskService tasks;

    @BeforeEach
    void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:das-processes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
        tasks = engine.getExternalTaskService();
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("processes/knowledge_preload.bpmn")
                .addClasspathResource("processes/rag_query.bpmn").deploy();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void preloadIndexesEachPlannedSourceInItsOwnTaskThenFinishes() {
        ProcessInstance preload = engine.getRuntimeService().startProcessInstanceByKey("knowledge_preload",
                Map.of("folder", "/srv/knowledge"));

        LockedExternalTask scan = single("das.knowledge.scan");
        assertThat(scan.getVariables()).containsEntry("folder", "/srv/knowledge");
        tasks.complete(scan.getId(), "test", Map.of("scan_id", "scan-1", "to_index", 3, "to_remove", 1, "unchanged", 5));

        List<LockedExternalTask> index = fetch("das.knowledge.index", 10);
        assertThat(index).hasSize(3);
        assertThat(index).extracting(task -> task.getVariables().get("position")).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(index).allSatisfy(task -> assertThat(task.getVariables()).containsEntry("scan_id", "scan-1"));
        index.forEach(task -> tasks.complete(task.getId(), "test"));

        LockedExternalTask finish = single("das.knowledge.finish");
        assertThat(finish.getVariables()).containsEntry("scan_id", "scan-1");
        tasks.complete(finish.getId(), "test", Map.of("indexed", 3, "removed", 1));

        assertThat(ended(preload)).isTrue();
    }

    @Test
    void preloadWithNothingNewGoesStraightToFinish() {
        ProcessInstance preload = engine.getRuntimeService().startProcessInstanceByKey("knowledge_preload",
                Map.of("folder", "/srv/knowledge"));
        tasks.complete(single("das.knowledge.scan").getId(), "test",
                Map.of("scan_id", "scan-2", "to_index", 0, "to_remove", 2, "unchanged", 5));

        assertThat(fetch("das.knowledge.index", 10)).isEmpty();
        tasks.complete(single("das.knowledge.finish").getId(), "test", Map.of("removed", 2));
        assertThat(ended(preload)).isTrue();
    }

    @Test
    void questionWithRelevantChunksIsRetrievedThenAnswered() {
        ProcessInstance query = engine.getRuntimeService().startProcessInstanceByKey("rag_query",
                Map.of("question", "Which port does the PDE listen on?"));

        LockedExternalTask retrieve = single("das.rag.retrieve");
        assertThat(retrieve.getVariables()).containsEntry("question", "Which port does the PDE listen on?");
        tasks.complete(retrieve.getId(), "test", Map.of("found", true, "retrieval_id", "r-1"));

        LockedExternalTask answer = single("das.rag.answer");
        assertThat(answer.getVariables()).containsEntry("retrieval_id", "r-1").containsKey("question");
        tasks.complete(answer.getId(), "test", Map.of("answer", "Port 50051 [1]", "answer_method", "EXTRACTIVE"));

        assertThat(ended(query)).isTrue();
        assertThat(endActivity(query)).isEqualTo("answer_returned");
    }

    @Test
    void questionWithNothingRelevantEndsAsNotFoundWithoutSynthesis() {
        ProcessInstance query = engine.getRuntimeService().startProcessInstanceByKey("rag_query",
                Map.of("question", "Who won the 1998 world cup?"));

        tasks.complete(single("das.rag.retrieve").getId(), "test", Map.of("found", false, "retrieval_id", "r-2",
                "answer", "Not found in the knowledge base."));

        assertThat(fetch("das.rag.answer", 1)).isEmpty();
        assertThat(ended(query)).isTrue();
        assertThat(endActivity(query)).isEqualTo("nothing_found");
    }

    private List<LockedExternalTask> fetch(String topic, int max) {
        return tasks.fetchAndLock(max, "test").topic(topic, 60_000).localVariables().execute();
    }

    private LockedExternalTask single(String topic) {
        List<LockedExternalTask> fetched = fetch(topic, 10);
        assertThat(fetched).as("one task on topic %s", topic).hasSize(1);
        return fetched.get(0);
    }

    private boolean ended(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getEndTime() != null;
    }

    private String endActivity(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityType("noneEndEvent").singleResult().getActivityId();
    }
}
