package procos.das.api.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.das.api.ApiModels;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.testing.TestEngine;

class UserTasksTest {

    private ProcessEngine engine;
    private String instance;
    private String taskId;

    @BeforeEach
    void start() {
        engine = TestEngine.start("tasks");
        IdentityService identity = engine.getIdentityService();
        identity.saveGroup(identity.newGroup("operator"));
        identity.saveGroup(identity.newGroup("viewer"));
        for (String user : new String[] {"olga", "otto", "vic"}) {
            identity.saveUser(identity.newUser(user));
        }
        identity.createMembership("olga", "operator");
        identity.createMembership("otto", "operator");
        identity.createMembership("vic", "viewer");
        ApiModels.deploy(engine, "review", ApiModels.review("review"));
        instance = engine.getRuntimeService().startProcessInstanceByKey("review").getId();
        taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void aGroupsTaskIsOfferedToItsMembersWithItsFormAndToNobodyElse() {
        Page<TaskItem> olgas = tasks("olga").list(new Paging(0, 10));

        assertThat(olgas.total()).isEqualTo(1);
        TaskItem task = olgas.items().get(0);
        assertThat(task.definitionKey()).isEqualTo("review");
        assertThat(task.processInstanceId()).isEqualTo(instance);
        assertThat(task.candidateGroups()).containsExactly("operator");
        assertThat(task.form()).extracting(FormFieldItem::id).containsExactly("approved", "comment", "amount", "due", "level");
        assertThat(task.form().get(0).required()).isTrue();
        assertThat(task.form().get(0).type()).isEqualTo("boolean");
        assertThat(task.form().get(2).defaultValue()).isEqualTo(5L);
        assertThat(task.form().get(4).values()).containsExactly(Map.entry("low", "Low"), Map.entry("high", "High"));
        assertThat(tasks("vic").list(new Paging(0, 10)).total()).isZero();
        assertThatThrownBy(() -> tasks("vic").claim(taskId))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(403));
    }

    @Test
    void aClaimedTaskIsTheClaimersAloneUntilUnclaimed() {
        assertThat(tasks("olga").claim(taskId).assignee()).isEqualTo("olga");

        assertThat(tasks("otto").list(new Paging(0, 10)).total()).as("no longer claimable by otto").isZero();
        assertThat(tasks("olga").list(new Paging(0, 10)).total()).isEqualTo(1);
        assertThatThrownBy(() -> tasks("otto").unclaim(taskId)).isInstanceOf(ApiProblem.class);

        assertThat(tasks("olga").unclaim(taskId).assignee()).isNull();
        assertThat(tasks("otto").list(new Paging(0, 10)).total()).isEqualTo(1);
    }

    @Test
    void completingChecksEachValueAgainstItsFieldAndNamesTheWrongOne() {
        UserTasks olga = tasks("olga");
        assertProblem(() -> olga.complete(taskId, Map.of("approved", "yes")), "values.approved: must be true or false");
        assertProblem(() -> olga.complete(taskId, Map.of("comment", "x")), "values.approved: required");
        assertProblem(() -> olga.complete(taskId, Map.of("approved", true, "amount", new BigDecimal("1.5"))), "values.amount:");
        assertProblem(() -> olga.complete(taskId, Map.of("approved", true, "level", "medium")), "values.level:");
        assertProblem(() -> olga.complete(taskId, Map.of("approved", true, "due", "tomorrow")), "values.due:");
        assertProblem(() -> olga.complete(taskId, Map.of("approved", true, "colour", "red")), "values.colour:");
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).as("nothing was completed").isEqualTo(1);

        olga.complete(taskId, Map.of("approved", true, "comment", "fine", "amount", new BigDecimal("12"), "due", "2026-05-01",
                "level", "high"));

        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isZero();
        Map<String, Object> variables = new java.util.HashMap<>();
        engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance).list()
                .forEach(variable -> variables.put(variable.getName(), variable.getValue()));
        assertThat(variables).containsEntry("approved", true).containsEntry("comment", "fine").containsEntry("amount", 12L)
                .containsEntry("level", "high");
        assertThat((Date) variables.get("due")).isEqualTo(Date.from(java.time.Instant.parse("2026-05-01T00:00:00Z")));
    }

    @Test
    void aTaskClaimedBySomeoneElseCannotBeCompleted() {
        tasks("otto").claim(taskId);

        assertThatThrownBy(() -> tasks("olga").complete(taskId, Map.of("approved", true))).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> tasks("olga").get("no-such-task"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
    }

    private UserTasks tasks(String user) {
        return new UserTasks(engine, user);
    }

    private static void assertProblem(Runnable call, String messageStart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(422);
            assertThat(problem.getMessage()).startsWith(messageStart);
        });
    }
}
