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
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code process_generation}'s flow on a real engine, with this test in the place of the DAS's
 * generation endpoints: every path from an intent to its end — deployed after approval, repaired
 * then deployed, auto-approved, rejected, blocked by policy, failed after the last repair, refused.
 */
class ProcessGenerationProcessTest {

    private ProcessEngine engine;
    private ExternalTaskService tasks;

    @BeforeEach
    void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:generation-process-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        engine = configuration.buildProcessEngine();
        tasks = engine.getExternalTaskService();
        engine.getRepositoryService().createDeployment().addClasspathResource("processes/process_generation.bpmn").deploy();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void validDraftIsApprovedByAnApproverThenDeployed() {
        ProcessInstance generation = start("g-1");
        complete("das.generation.normalize", "g-1", Map.of("intent_ok", true));
        complete("das.generation.context", "g-1", Map.of());
        complete("das.generation.draft", "g-1", Map.of());
        complete("das.generation.validate", "g-1", Map.of("valid", true, "can_repair", false));
        complete("das.generation.policy", "g-1", Map.of("policy_ok", true, "approval_required", true));

        Task approval = engine.getTaskService().createTaskQuery().processInstanceId(generation.getId()).singleResult();
        assertThat(approval.getTaskDefinitionKey()).isEqualTo("approve_process");
        assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("approver"));
        engine.getTaskService().complete(approval.getId(), Map.of("approved", true, "comment", "fine"));

        complete("das.generation.deploy", "g-1", Map.of());
        assertThat(endActivity(generation)).isEqualTo("process_deployed");
    }

    @Test
    void invalidDraftIsDraftedAgainWithTheFindingsUntilItValidates() {
        ProcessInstance generation = start("g-2");
        complete("das.generation.normalize", "g-2", Map.of("intent_ok", true));
        complete("das.generation.context", "g-2", Map.of());
        complete("das.generation.draft", "g-2", Map.of());
        complete("das.generation.validate", "g-2", Map.of("valid", false, "can_repair", true));
        complete("das.generation.draft", "g-2", Map.of());
        complete("das.generation.validate", "g-2", Map.of("valid", true, "can_repair", true));
        complete("das.generation.policy", "g-2", Map.of("policy_ok", true, "approval_required", false));

        complete("das.generation.deploy", "g-2", Map.of());
        assertThat(endActivity(generation)).isEqualTo("process_deployed");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(generation.getId())
                .activityId("draft").count()).isEqualTo(2);
    }

    @Test
    void draftStillInvalidAfterTheLastRepairEndsAsFailed() {
        ProcessInstance generation = start("g-3");
        complete("das.generation.normalize", "g-3", Map.of("intent_ok", true));
        complete("das.generation.context", "g-3", Map.of());
        complete("das.generation.draft", "g-3", Map.of());
        complete("das.generation.validate", "g-3", Map.of("valid", false, "can_repair", false));

        assertThat(endActivity(generation)).isEqualTo("generation_failed");
    }

    @Test
    void rejectionIsRecordedAndNothingIsDeployed() {
        ProcessInstance generation = start("g-4");
        complete("das.generation.normalize", "g-4", Map.of("intent_ok", true));
        complete("das.generation.context", "g-4", Map.of());
        complete("das.generation.draft", "g-4", Map.of());
        complete("das.generation.validate", "g-4", Map.of("valid", true, "can_repair", false));
        complete("das.generation.policy", "g-4", Map.of("policy_ok", true, "approval_required", true));
        Task approval = engine.getTaskService().createTaskQuery().processInstanceId(generation.getId()).singleResult();
        engine.getTaskService().complete(approval.getId(), Map.of("approved", false, "comment", "wrong owner"));

        complete("das.generation.reject", "g-4", Map.of());
        assertThat(fetch("das.generation.deploy")).isEmpty();
        assertThat(endActivity(generation)).isEqualTo("process_rejected");
    }

    @Test
    void policyViolationBlocksBeforeApproval() {
        ProcessInstance generation = start("g-5");
        complete("das.generation.normalize", "g-5", Map.of("intent_ok", true));
        complete("das.generation.context", "g-5", Map.of());
        complete("das.generation.draft", "g-5", Map.of());
        complete("das.generation.validate", "g-5", Map.of("valid", true, "can_repair", false));
        complete("das.generation.policy", "g-5", Map.of("policy_ok", false, "approval_required", true));

        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(generation.getId()).count()).isZero();
        assertThat(endActivity(generation)).isEqualTo("blocked_by_policy");
    }

    @Test
    void unusableIntentIsRefusedWithoutDrafting() {
        ProcessInstance generation = start("g-6");
        complete("das.generation.normalize", "g-6", Map.of("intent_ok", false));

        assertThat(fetch("das.generation.context")).isEmpty();
        assertThat(endActivity(generation)).isEqualTo("intent_refused");
    }

    private ProcessInstance start(String generationId) {
        return engine.getRuntimeService().startProcessInstanceByKey("process_generation", Map.of("generation_id", generationId));
    }

    private void complete(String topic, String generationId, Map<String, Object> outputs) {
        List<LockedExternalTask> fetched = fetch(topic);
        assertThat(fetched).as("one task on topic %s", topic).hasSize(1);
        assertThat(fetched.get(0).getVariables()).containsEntry("generation_id", generationId);
        tasks.complete(fetched.get(0).getId(), "test", outputs);
    }

    private List<LockedExternalTask> fetch(String topic) {
        return tasks.fetchAndLock(10, "test").topic(topic, 60_000).localVariables().execute();
    }

    private String endActivity(ProcessInstance instance) {
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getEndTime()).as("instance ended").isNotNull();
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityType("noneEndEvent").singleResult().getActivityId();
    }
}
