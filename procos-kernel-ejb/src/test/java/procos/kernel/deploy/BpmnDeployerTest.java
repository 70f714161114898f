package procos.kernel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.kernel.engine.InMemoryEngine;
import procos.kernel.engine.RunningEngine;

/** Runs the deployer against a real engine on an in-memory H2 database. */
class BpmnDeployerTest {

    private RunningEngine engine;
    private RepositoryService repository;
    private final AtomicInteger newDeployments = new AtomicInteger();
    private BpmnDeployer deployer;

    @BeforeEach
    void startEngine() throws Exception {
        engine = InMemoryEngine.start("deployer");
        repository = engine.engine().getRepositoryService();
        deployer = new BpmnDeployer(repository, newDeployments::incrementAndGet);
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void firstDeploymentStoresEveryFile() {
        DeploymentReport report = deployer.deploy(files(Map.of("a.bpmn", process("a", "A"), "b.bpmn", process("b", "B"))));

        assertThat(report.deployed()).containsExactly("a.bpmn", "b.bpmn");
        assertThat(report.unchanged()).isEmpty();
        assertThat(report.failed()).isEmpty();
        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(2);
        assertThat(newDeployments).hasValue(2);
    }

    @Test
    void redeployingUnchangedFilesStoresNothing() {
        Map<String, byte[]> set = files(Map.of("a.bpmn", process("a", "A"), "b.bpmn", process("b", "B")));
        deployer.deploy(set);

        DeploymentReport again = deployer.deploy(set);

        assertThat(again.deployed()).isEmpty();
        assertThat(again.unchanged()).containsExactly("a.bpmn", "b.bpmn");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(2);
        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(2);
        assertThat(newDeployments).hasValue(2);
    }

    @Test
    void changedFileBecomesANewVersionAndOthersStayAsTheyWere() {
        byte[] b = process("b", "B");
        deployer.deploy(files(Map.of("a.bpmn", process("a", "A"), "b.bpmn", b)));

        DeploymentReport report = deployer.deploy(files(Map.of("a.bpmn", process("a", "A renamed"), "b.bpmn", b)));

        assertThat(report.deployed()).containsExactly("a.bpmn");
        assertThat(report.unchanged()).containsExactly("b.bpmn");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("a").latestVersion().singleResult().getVersion()).isEqualTo(2);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("b").latestVersion().singleResult().getVersion()).isEqualTo(1);
    }

    @Test
    void malformedFileIsRefusedWithItsNameAndLineWhileOthersDeploy() {
        deployer.deploy(files(Map.of("a.bpmn", process("a", "A"))));
        String truncated = new String(process("a", "A changed"), StandardCharsets.UTF_8).substring(0, 200);

        DeploymentReport report = deployer.deploy(files(Map.of("a.bpmn", truncated.getBytes(StandardCharsets.UTF_8), "b.bpmn", process("b", "B"))));

        assertThat(report.deployed()).containsExactly("b.bpmn");
        assertThat(report.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.resource()).isEqualTo("a.bpmn");
            assertThat(failure.reason()).containsPattern("line \\d+, column \\d+");
        });
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("a").latestVersion().singleResult().getName())
                .as("the version deployed before stays the latest").isEqualTo("A");
    }

    @Test
    void invalidProcessIsRefusedWithTheElementAtFault() {
        String noStart = """
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                  <bpmn:process id="broken" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:sequenceFlow id="f" sourceRef="nowhere" targetRef="nothing"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;

        DeploymentReport report = deployer.deploy(files(Map.of("broken.bpmn", noStart.getBytes(StandardCharsets.UTF_8))));

        assertThat(report.failed()).singleElement().satisfies(failure ->
                assertThat(failure.reason()).contains("nowhere"));
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <bpmn:process id="xxe" name="&secret;" isExecutable="true"/>
                </bpmn:definitions>
                """;

        DeploymentReport report = deployer.deploy(files(Map.of("xxe.bpmn", xxe.getBytes(StandardCharsets.UTF_8))));

        assertThat(report.failed()).singleElement().satisfies(failure -> assertThat(failure.resource()).isEqualTo("xxe.bpmn"));
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("xxe").count()).isZero();
    }

    @Test
    void modelRefusedByTheDeploymentGuardIsReportedWithRuleElementAndLine() {
        String scripted = Bpmn.convertToString(Bpmn.createExecutableProcess("scripted").camundaHistoryTimeToLive(1)
                .startEvent().scriptTask("run").scriptFormat("javascript").scriptText("java.lang.Runtime.getRuntime()")
                .endEvent().done());

        DeploymentReport report = deployer.deploy(files(Map.of("scripted.bpmn", scripted.getBytes(StandardCharsets.UTF_8),
                "b.bpmn", process("b", "B"))));

        assertThat(report.deployed()).containsExactly("b.bpmn");
        assertThat(report.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.resource()).isEqualTo("scripted.bpmn");
            assertThat(failure.reason()).containsPattern("^line \\d+, column \\d+: script: ").endsWith("(element run)");
        });
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("scripted").count()).isZero();
    }

    @Test
    void emptyAndOversizedFilesAreRefusedBeforeParsing() {
        byte[] huge = new byte[BpmnDeployer.MAX_RESOURCE_BYTES + 1];

        DeploymentReport report = deployer.deploy(files(Map.of("empty.bpmn", new byte[0], "huge.bpmn", huge)));

        assertThat(report.failed()).extracting(DeploymentReport.Failure::toString).containsExactly(
                "empty.bpmn: file is empty",
                "huge.bpmn: file is 10485761 bytes, over the 10485760-byte limit");
        assertThat(repository.createDeploymentQuery().count()).isZero();
    }

    private static Map<String, byte[]> files(Map<String, byte[]> files) {
        return new TreeMap<>(files);
    }

    private static byte[] process(String key, String name) {
        return Bpmn.convertToString(Bpmn.createExecutableProcess(key).name(name).camundaHistoryTimeToLive(1)
                .startEvent().userTask("work").endEvent().done()).getBytes(StandardCharsets.UTF_8);
    }
}
