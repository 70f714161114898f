package procos.kernel.deploy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.kernel.deploy.guard.Models.exploit;
import static procos.kernel.deploy.guard.Models.process;
import static procos.kernel.deploy.guard.Models.runnable;
import static procos.kernel.deploy.guard.Models.xml;

import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.rest.dto.ParseExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.kernel.config.SettingsValidator;
import procos.kernel.engine.EngineBootstrap;
import procos.kernel.engine.EngineEvents;
import procos.kernel.engine.RunningEngine;
import procos.pde.dispatch.WorkSignal;

/** The guard installed in a real engine (in-memory H2) the way the kernel builds it. */
class DeploymentGuardEngineTest {

    @TempDir
    Path dir;

    private final String url = "jdbc:h2:mem:guard-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private RunningEngine engine;
    private RepositoryService repository;

    @BeforeEach
    void startEngine() throws Exception {
        startEngine(Map.of());
    }

    private void startEngine(Map<String, String> settings) throws Exception {
        engine = EngineBootstrap.start(new StandaloneInMemProcessEngineConfiguration(),
                SettingsValidator.validate(key -> key.equals(SettingsValidator.DB_URL) ? Optional.of(url)
                        : key.equals(SettingsValidator.NODE_ID) ? Optional.of("guard-test") : Optional.ofNullable(settings.get(key)),
                        Path.of("node.id")),
                EngineEvents.NONE, new WorkSignal());
        repository = engine.engine().getRepositoryService();
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    @Test
    void theExploitIsRefusedNothingIsStoredAndItsCommandNeverRuns() {
        Path touched = dir.resolve("exploited");

        ParseException refusal = catchThrowableOfType(
                () -> repository.createDeployment().name("exploit").addString("exploit.bpmn", exploitModel(touched)).deploy(),
                ParseException.class);

        assertThat(refusal).isInstanceOf(DeploymentRefusedException.class)
                .hasMessageStartingWith("Deployment refused by the deployment guard: exploit.bpmn: expression at element 'exploit'")
                .hasMessageNotContaining("\tat ");
        assertThat(refusal.getResorceReports()).singleElement().satisfies(report -> {
            assertThat(report.getResourceName()).isEqualTo("exploit.bpmn");
            assertThat(report.getErrors()).singleElement().satisfies(problem -> {
                assertThat(problem.getMainElementId()).isEqualTo("exploit");
                assertThat(problem.getMessage()).startsWith("expression: ");
                assertThat(problem.getLine()).isPositive();
            });
        });
        assertThat(repository.createDeploymentQuery().count()).isZero();
        assertThat(repository.createProcessDefinitionQuery().count()).isZero();
        assertThatThrownBy(() -> engine.engine().getRuntimeService().startProcessInstanceByKey("exploit_process"))
                .isInstanceOf(ProcessEngineException.class);
        assertThat(touched).doesNotExist();
    }

    @Test
    void oneRefusedModelRefusesTheWholeDeployment() {
        assertThatThrownBy(() -> repository.createDeployment()
                .addString("good.bpmn", routingModel())
                .addString("bad.bpmn", runnable("bad", "delegate", "<bpmn:serviceTask id=\"delegate\" camunda:class=\"java.lang.Runtime\"/>"))
                .deploy())
                .isInstanceOf(DeploymentRefusedException.class)
                .hasMessageContaining("bad.bpmn: java.class at element 'delegate'");

        assertThat(repository.createDeploymentQuery().count()).isZero();
        assertThat(repository.createProcessDefinitionQuery().count()).isZero();
    }

    @Test
    void aModelThatReadsVariablesStillDeploysAndRuns() {
        repository.createDeployment().addString("routing.bpmn", routingModel()).deploy();

        String instance = engine.engine().getRuntimeService()
                .startProcessInstanceByKey("routing", Map.of("mode", "fast")).getId();

        assertThat(engine.engine().getTaskService().createTaskQuery().processInstanceId(instance).singleResult()
                .getTaskDefinitionKey()).isEqualTo("fast_lane");
    }

    @Test
    void camundasRestApiAnswers400WithEveryFindingInItsDetails() {
        ParseException refusal = catchThrowableOfType(() -> repository.createDeployment()
                .addString("exploit.bpmn", exploitModel(dir.resolve("x"))).deploy(), ParseException.class);

        ExceptionHandlerHelper rest = ExceptionHandlerHelper.getInstance();
        assertThat(rest.getStatus(refusal)).isEqualTo(Response.Status.BAD_REQUEST);
        ParseExceptionDto body = (ParseExceptionDto) rest.fromException(refusal);
        assertThat(body.getMessage()).contains("expression at element 'exploit'");
        assertThat(body.getDetails().get("exploit.bpmn").getErrors()).singleElement().satisfies(problem -> {
            assertThat(problem.getMainElementId()).isEqualTo("exploit");
            assertThat(problem.getMessage()).startsWith("expression: ");
        });
    }

    @Test
    void aStoredModelThatNoLongerPassesDoesNotRunAfterARestart() throws Exception {
        stopEngine();
        startEngine(Map.of(SettingsValidator.DEPLOY_ALLOWED_CLASSES, "com.acme.Delegate"));
        repository.createDeployment().addString("delegating.bpmn",
                runnable("delegating", "delegate", "<bpmn:serviceTask id=\"delegate\" camunda:class=\"com.acme.Delegate\"/>")).deploy();
        stopEngine();

        startEngine(Map.of());

        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("delegating").count()).isOne();
        assertThatThrownBy(() -> engine.engine().getRuntimeService().startProcessInstanceByKey("delegating"))
                .isInstanceOf(DeploymentRefusedException.class)
                .hasMessageContaining("java.class at element 'delegate'");
    }

    /** The control: the same model on an engine built without the guard runs its command. */
    @Test
    void withoutTheGuardTheSameModelRunsItsCommand() throws Exception {
        Path touched = dir.resolve("exploited");
        StandaloneInMemProcessEngineConfiguration unguarded = new StandaloneInMemProcessEngineConfiguration();
        unguarded.setProcessEngineName("unguarded-" + UUID.randomUUID());
        unguarded.setJdbcUrl("jdbc:h2:mem:unguarded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        unguarded.setJobExecutorActivate(false);
        ProcessEngine plain = unguarded.buildProcessEngine();
        try {
            plain.getRepositoryService().createDeployment().addString("exploit.bpmn", exploitModel(touched)).deploy();
            plain.getRuntimeService().startProcessInstanceByKey("exploit_process");

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(touched) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(touched).as("the command ran").exists();
        } finally {
            plain.close();
        }
    }

    private static String exploitModel(Path touched) {
        return runnable("exploit_process", "exploit",
                "<bpmn:serviceTask id=\"exploit\" camunda:expression=\"" + xml(exploit(touched.toString())) + "\"/>");
    }

    private static String routingModel() {
        return process("routing", """
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="to_choice" sourceRef="start" targetRef="choice"/>
                    <bpmn:exclusiveGateway id="choice"/>
                    <bpmn:sequenceFlow id="to_fast" sourceRef="choice" targetRef="fast_lane">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${execution.getVariable('mode') == 'fast'}</bpmn:conditionExpression>
                    </bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="to_slow" sourceRef="choice" targetRef="slow_lane">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${mode != 'fast'}</bpmn:conditionExpression>
                    </bpmn:sequenceFlow>
                    <bpmn:userTask id="fast_lane"/>
                    <bpmn:userTask id="slow_lane"/>
                """);
    }
}
