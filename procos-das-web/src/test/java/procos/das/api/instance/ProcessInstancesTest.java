package procos.das.api.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.das.api.ApiModels;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.testing.TestEngine;

class ProcessInstancesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private ProcessEngine engine;
    private ProcessInstances instances;

    @BeforeEach
    void start() {
        engine = TestEngine.start("instances");
        instances = new ProcessInstances(engine);
        ApiModels.deploy(engine, "review", ApiModels.review("review"));
        ApiModels.deploy(engine, "work", ApiModels.externalTask("work", "work.topic"));
        ApiModels.deploy(engine, "later", ApiModels.asyncStep("later"));
    }

    @AfterEach
    void stop() {
        ClockUtil.reset();
        engine.close();
    }

    @Test
    void listsNewestFirstWithRealCountsAndEachFilter() {
        String first = startAt(0, "review", "b-1");
        String second = startAt(60, "review", "b-2");
        String third = startAt(120, "work", "b-3");
        String fourth = startAt(180, "review", "b-4");
        instances.cancel(second, "not needed");
        completeDecide(fourth);
        engine.getRuntimeService().suspendProcessInstanceById(first);
        ExternalTask task = engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(third).singleResult();
        engine.getExternalTaskService().setRetries(task.getId(), 0);

        Page<InstanceItem> page = instances.list(filter(null, null, null, null), new Paging(0, 3));
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.items()).extracting(InstanceItem::id).containsExactly(fourth, third, second);
        assertThat(instances.list(filter(null, null, null, null), new Paging(3, 3)).items()).extracting(InstanceItem::id).containsExactly(first);

        assertThat(ids("suspended", null, null, null)).containsExactly(first);
        assertThat(ids("incident", null, null, null)).containsExactly(third);
        assertThat(ids("completed", null, null, null)).containsExactly(fourth);
        assertThat(ids("canceled", null, null, null)).containsExactly(second);
        assertThat(ids("active", null, null, null)).containsExactly(third);
        assertThat(ids(null, "work", null, null)).containsExactly(third);
        assertThat(ids(null, null, "b-2", null)).containsExactly(second);
        assertThat(ids(null, null, null, "2026-03-01T10:01:30Z")).containsExactly(fourth, third);

        Map<String, InstanceItem> byId = new java.util.HashMap<>();
        instances.list(filter(null, null, null, null), new Paging(0, 10)).items().forEach(item -> byId.put(item.id(), item));
        assertThat(byId.get(third).state()).isEqualTo("incident");
        assertThat(byId.get(third).incidents()).isEqualTo(1);
        assertThat(byId.get(second).state()).isEqualTo("canceled");
        assertThat(byId.get(second).endTime()).isNotNull();
        assertThat(byId.get(first).state()).isEqualTo("suspended");
        assertThat(byId.get(fourth).definitionKey()).isEqualTo("review");
        assertThat(byId.get(fourth).definitionName()).isEqualTo("Review review");
        assertThat(byId.get(fourth).startTime()).isEqualTo("2026-03-01T10:03:00Z");
    }

    @Test
    void malformedFiltersAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> InstanceFilter.of("sleeping", null, null, null)).hasMessageStartingWith("state:")
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(400));
        assertThatThrownBy(() -> InstanceFilter.of(null, null, null, "yesterday")).hasMessageStartingWith("started_after:");
        assertThatThrownBy(() -> InstanceFilter.of(null, "k".repeat(300), null, null)).hasMessageStartingWith("definition_key:");
        assertThat(InstanceFilter.of("ACTIVE", null, null, "2026-03-01").startedAfter()).isEqualTo(Date.from(T0.minusSeconds(36_000)));
    }

    @Test
    void aRunningInstanceShowsWhereItStandsItsVariablesAndItsHistory() {
        String id = engine.getRuntimeService().startProcessInstanceByKey("review", "k",
                Map.of("short", "abc", "long", "x".repeat(3_000), "n", 4L, "flag", true)).getId();

        InstanceDetail detail = instances.detail(id);

        assertThat(detail.state()).isEqualTo("active");
        assertThat(detail.activeActivities()).containsExactly("decide");
        assertThat(detail.completedActivities()).containsExactly("start");
        assertThat(detail.history()).extracting(HistoryStep::activityId).containsExactly("start", "decide");
        assertThat(detail.history().get(1).endTime()).isNull();
        assertThat(detail.variables()).containsEntry("short", "abc").containsEntry("n", 4L).containsEntry("flag", true);
        assertThat((String) detail.variables().get("long")).hasSize(VariableDisplay.MAX_TEXT + 1).endsWith("…");
    }

    @Test
    void anEndedInstanceShowsItsCompletedPath() {
        String id = engine.getRuntimeService().startProcessInstanceByKey("review").getId();
        completeDecide(id);

        InstanceDetail detail = instances.detail(id);

        assertThat(detail.state()).isEqualTo("completed");
        assertThat(detail.activeActivities()).isEmpty();
        assertThat(detail.completedActivities()).containsExactly("start", "decide", "end");
        assertThat(detail.variables()).containsEntry("approved", true);
    }

    @Test
    void cancelRecordsTheReasonAndASecondCancelConflicts() {
        String id = engine.getRuntimeService().startProcessInstanceByKey("review").getId();

        instances.cancel(id, "duplicate order");

        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getDeleteReason())
                .isEqualTo("duplicate order");
        assertThat(instances.detail(id).state()).isEqualTo("canceled");
        assertThatThrownBy(() -> instances.cancel(id, "again"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(409));
        assertThatThrownBy(() -> instances.cancel("no-such-instance", "x"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
    }

    @Test
    void retryingAnIncidentGivesTheExternalTaskOrJobOneMoreTry() {
        String work = engine.getRuntimeService().startProcessInstanceByKey("work").getId();
        ExternalTask task = engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(work).singleResult();
        engine.getExternalTaskService().setRetries(task.getId(), 0);
        String later = engine.getRuntimeService().startProcessInstanceByKey("later").getId();
        Job job = engine.getManagementService().createJobQuery().processInstanceId(later).singleResult();
        engine.getManagementService().setJobRetries(job.getId(), 0);

        List<IncidentItem> workIncidents = instances.detail(work).incidents();
        assertThat(workIncidents).singleElement().satisfies(incident -> {
            assertThat(incident.type()).isEqualTo("failedExternalTask");
            assertThat(incident.activityId()).isEqualTo("do_work");
        });
        new IncidentRetry(engine).retry(workIncidents.get(0).id());
        new IncidentRetry(engine).retry(instances.detail(later).incidents().get(0).id());

        assertThat(engine.getExternalTaskService().createExternalTaskQuery().externalTaskId(task.getId()).singleResult().getRetries()).isEqualTo(1);
        assertThat(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries()).isEqualTo(1);
        assertThat(instances.detail(work).incidents()).isEmpty();
        assertThat(instances.detail(later).state()).isEqualTo("active");
        assertThatThrownBy(() -> new IncidentRetry(engine).retry(workIncidents.get(0).id()))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
    }

    private String startAt(long secondsAfterT0, String key, String businessKey) {
        ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(secondsAfterT0)));
        return engine.getRuntimeService().startProcessInstanceByKey(key, businessKey).getId();
    }

    private void completeDecide(String instanceId) {
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult().getId();
        engine.getFormService().submitTaskForm(task, Map.of("approved", true));
    }

    private List<String> ids(String state, String key, String businessKey, String startedAfter) {
        return instances.list(filter(state, key, businessKey, startedAfter), new Paging(0, 50)).items().stream().map(InstanceItem::id).toList();
    }

    private static InstanceFilter filter(String state, String key, String businessKey, String startedAfter) {
        return InstanceFilter.of(state, key, businessKey, startedAfter);
    }
}
