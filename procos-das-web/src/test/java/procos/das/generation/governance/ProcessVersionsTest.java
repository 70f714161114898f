package procos.das.generation.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import procos.das.testing.TestEngine;
import procos.das.validation.ModelProperties;

class ProcessVersionsTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start("versions");
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    /** A process whose user tasks (candidate group clerk) run in the order given, with ProcOS metadata. */
    private static String model(String key, Map<String, String> metadata, String... userTasks) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(key).name("Invoice approval").startEvent("start");
        for (String task : userTasks) {
            flow = flow.userTask(task).name(task).camundaCandidateGroups("clerk");
        }
        BpmnModelInstance model = flow.endEvent("end").done();
        Process process = model.getModelElementById(key);
        metadata.forEach((name, value) -> ModelProperties.set(process, name, value));
        return Bpmn.convertToString(model);
    }

    private static String model(String key, int procosVersion, String... userTasks) {
        return model(key, Map.of(ModelProperties.VERSION, Integer.toString(procosVersion)), userTasks);
    }

    private static ProcessInstance start(String definitionId) {
        return engine.getRuntimeService().startProcessInstanceById(definitionId);
    }

    private static Task taskOf(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    @Test
    void versionsAreListedNewestFirstWithTheirMetadataAndRunningInstances() {
        ProcessVersions versions = new ProcessVersions(engine, 10);
        versions.deploy("listed", model("listed", 1, "review"), "listed v1", "procos-generation");
        Deployed second = versions.deploy("listed", model("listed", Map.of(
                ModelProperties.VERSION, "2",
                ModelProperties.INTENT, "approve invoices over 1000 EUR",
                ModelProperties.DOMAIN, "finance",
                ModelProperties.CREATED_BY, "alice",
                ModelProperties.VALIDATION_HASH, "sha256:feed"), "review"), "listed v2", "procos-generation");
        start(second.version().definitionId());
        start(second.version().definitionId());

        List<ProcessVersion> listed = versions.versions("listed");

        assertThat(listed).extracting(ProcessVersion::version).containsExactly(2, 1);
        ProcessVersion latest = listed.get(0);
        assertThat(latest.definitionId()).isEqualTo(second.version().definitionId());
        assertThat(latest.runningInstances()).isEqualTo(2);
        assertThat(latest.deployedAt()).isNotNull();
        assertThat(latest.procosVersion()).contains("2");
        assertThat(latest.intent()).contains("approve invoices over 1000 EUR");
        assertThat(latest.domain()).contains("finance");
        assertThat(latest.createdBy()).contains("alice");
        assertThat(latest.validationHash()).contains("sha256:feed");
        assertThat(latest.rolledBackFrom()).isEmpty();
        assertThat(listed.get(1).runningInstances()).isZero();
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(latest.deploymentId()).singleResult()
                .getSource()).isEqualTo("procos-generation");
        assertThat(versions.versions("never-deployed")).isEmpty();
    }

    @Test
    void onlyTheNewestVersionsAreKeptExceptThoseWithRunningInstancesAndOldHistoryStays() {
        ProcessVersions versions = new ProcessVersions(engine, 10);
        Deployed first = versions.deploy("kept", model("kept", 1, "review"), "kept v1", null);
        ProcessInstance stillRunning = start(first.version().definitionId());
        Deployed second = versions.deploy("kept", model("kept", 2, "review"), "kept v2", null);
        ProcessInstance finished = start(second.version().definitionId());
        engine.getTaskService().complete(taskOf(finished).getId());

        Deployed last = null;
        for (int v = 3; v <= 12; v++) {
            last = versions.deploy("kept", model("kept", v, "review"), "kept v" + v, null);
        }

        assertThat(last.version().version()).isEqualTo(12);
        assertThat(last.removedVersions()).containsExactly(2);
        assertThat(last.retained()).singleElement().satisfies(retained -> {
            assertThat(retained.version()).isEqualTo(1);
            assertThat(retained.reason()).contains("1 instance(s) still running");
        });
        assertThat(versions.versions("kept")).extracting(ProcessVersion::version)
                .containsExactly(12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 1);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(stillRunning.getId()).count()).isOne();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(finished.getId()).count())
                .isOne();
    }

    @Test
    void aVersionWhoseDeploymentHoldsAnotherProcessIsNotDeleted() {
        ProcessVersions versions = new ProcessVersions(engine, 1);
        engine.getRepositoryService().createDeployment().name("bundle")
                .addString("shared.bpmn", model("shared", 1, "review"))
                .addString("neighbour.bpmn", model("neighbour", 1, "review"))
                .deploy();

        Deployed next = versions.deploy("shared", model("shared", 2, "review"), "shared v2", null);

        assertThat(next.removedVersions()).isEmpty();
        assertThat(next.retained()).singleElement().satisfies(retained ->
                assertThat(retained.reason()).contains("neighbour"));
        assertThat(versions.versions("neighbour")).hasSize(1);
    }

    @Test
    void rollbackRedeploysTheChosenVersionAndMigratesTheInstancesThatCanMove() {
        ProcessVersions versions = new ProcessVersions(engine, 10);
        versions.deploy("rollback", model("rollback", 1, "review"), "v1", null);
        versions.deploy("rollback", model("rollback", Map.of(ModelProperties.VERSION, "2",
                ModelProperties.INTENT, "review invoices", ModelProperties.CREATED_BY, "alice"), "review"), "v2", null);
        Deployed third = versions.deploy("rollback", model("rollback", 3, "review", "approve"), "v3", null);
        ProcessInstance atReview = start(third.version().definitionId());
        ProcessInstance atApprove = start(third.version().definitionId());
        engine.getTaskService().complete(taskOf(atApprove).getId());

        RollbackResult result = versions.rollback("rollback", 2, "bob");

        ProcessVersion latest = result.deployed().version();
        assertThat(latest.version()).isEqualTo(4);
        assertThat(result.restoredVersion()).isEqualTo(2);
        assertThat(result.previous().version()).isEqualTo(3);
        assertThat(latest.rolledBackFrom()).contains("2");
        assertThat(latest.metadata(ModelProperties.ROLLED_BACK_BY)).contains("bob");
        assertThat(latest.procosVersion()).contains("2");
        assertThat(latest.intent()).contains("review invoices");
        assertThat(latest.createdBy()).contains("alice");
        assertThat(engine.getRepositoryService().getBpmnModelInstance(latest.definitionId())
                .getModelElementsByType(UserTask.class)).extracting(UserTask::getId).containsExactly("review");
        assertThat(versions.versions("rollback").get(0).rolledBackFrom()).contains("2");

        assertThat(result.migrated()).containsExactly(atReview.getId());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(atReview.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(latest.definitionId());
        engine.getTaskService().complete(taskOf(atReview).getId());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(atReview.getId()).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(atReview.getId())
                .singleResult().getState()).isEqualTo("COMPLETED");

        assertThat(result.notMigrated()).singleElement().satisfies(left -> {
            assertThat(left.processInstanceId()).isEqualTo(atApprove.getId());
            assertThat(left.reason()).contains("approve");
        });
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(atApprove.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(third.version().definitionId());
    }

    @Test
    void aPreviousVersionEmptiedByTheRollbackIsRemovedByRetention() {
        ProcessVersions versions = new ProcessVersions(engine, 1);
        Deployed first = versions.deploy("emptied", model("emptied", 1, "review"), "v1", null);
        // Keeps version 1 beyond the one version kept, so it can be rolled back to.
        start(first.version().definitionId());
        Deployed second = versions.deploy("emptied", model("emptied", 2, "review", "approve"), "v2", null);
        ProcessInstance atReview = start(second.version().definitionId());

        RollbackResult result = versions.rollback("emptied", 1, "bob");

        assertThat(result.migrated()).containsExactly(atReview.getId());
        assertThat(result.deployed().removedVersions()).containsExactly(2);
        assertThat(result.deployed().retained()).extracting(RetainedVersion::version).containsExactly(1);
        assertThat(versions.versions("emptied")).extracting(ProcessVersion::version).containsExactly(3, 1);
    }

    @Test
    void rollingBackAnUnknownKeyOrVersionNamesWhatIsMissing() {
        ProcessVersions versions = new ProcessVersions(engine, 10);
        versions.deploy("known", model("known", 1, "review"), "v1", null);
        versions.deploy("known", model("known", 2, "review"), "v2", null);

        assertThatThrownBy(() -> versions.rollback("unknown", 1, "bob"))
                .isInstanceOf(ProcessVersionNotFoundException.class).hasMessageContaining("'unknown'");
        assertThatThrownBy(() -> versions.rollback("known", 7, "bob"))
                .isInstanceOf(ProcessVersionNotFoundException.class).hasMessageContaining("'known'").hasMessageContaining("7")
                .satisfies(e -> assertThat(((ProcessVersionNotFoundException) e).version()).hasValue(7));
        assertThatThrownBy(() -> versions.rollback("known", 2, "bob"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already the latest");
        assertThat(versions.versions("known")).hasSize(2);
    }

    @Test
    void aModelThatDoesNotHoldExactlyTheNamedProcessIsRefused() {
        ProcessVersions versions = new ProcessVersions(engine, 10);

        assertThatThrownBy(() -> versions.deploy("expected", model("other", 1, "review"), "v1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'expected'").hasMessageContaining("other");
        assertThatThrownBy(() -> versions.deploy("expected", "<definitions", "v1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a BPMN model");
        assertThatThrownBy(() -> versions.deploy("bad key!", model("other", 1, "review"), "v1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a process key");
        assertThat(versions.versions("expected")).isEmpty();
    }
}
