package procos.kernel.deploy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.kernel.deploy.guard.Models.runnable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.kernel.config.SettingsValidator;
import procos.kernel.engine.EngineBootstrap;
import procos.kernel.engine.EngineEvents;
import procos.kernel.engine.RunningEngine;
import procos.pde.dispatch.WorkSignal;

/** A {@link ModelCheck} installed into the guard of a real engine (in-memory H2) at run time. */
class InstalledModelCheckTest {

    private final String url = "jdbc:h2:mem:checks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private RunningEngine engine;
    private RepositoryService repository;

    /** Records every resource it is asked about; refuses the process ids it is given. */
    private static final class RecordingCheck implements ModelCheck {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final List<String> refused;

        RecordingCheck(String... refused) {
            this.refused = List.of(refused);
        }

        @Override
        public List<GuardFinding> check(String resourceName, byte[] content) {
            seen.add(resourceName);
            String xml = new String(content, StandardCharsets.UTF_8);
            return refused.stream().filter(id -> xml.contains("id=\"" + id + "\""))
                    .map(id -> new GuardFinding(GuardRule.VALIDATION, GuardFinding.Severity.ERROR, id,
                            "soundness.deadlock: the join waits forever", 0, 0))
                    .toList();
        }
    }

    @BeforeEach
    void startEngine() throws Exception {
        engine = EngineBootstrap.start(new StandaloneInMemProcessEngineConfiguration(),
                SettingsValidator.validate(key -> key.equals(SettingsValidator.DB_URL) ? Optional.of(url)
                        : key.equals(SettingsValidator.NODE_ID) ? Optional.of("checks-test") : Optional.empty(),
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

    private DeploymentGuard guard() {
        return engine.deploymentGuard().orElseThrow();
    }

    private static String model(String processId) {
        return runnable(processId, "work", "<bpmn:userTask id=\"work\"/>");
    }

    @Test
    void anErrorOfAnInstalledCheckRefusesANewDeploymentLikeTheGuardsOwn() {
        RecordingCheck check = new RecordingCheck("unsound");
        guard().install(check);

        DeploymentRefusedException refusal = catchThrowableOfType(
                () -> repository.createDeployment().addString("unsound.bpmn", model("unsound")).deploy(),
                DeploymentRefusedException.class);

        assertThat(refusal).hasMessageContaining("unsound.bpmn: validation at element 'unsound': soundness.deadlock");
        assertThat(refusal.getResorceReports()).singleElement().satisfies(report ->
                assertThat(report.getErrors()).singleElement().satisfies(problem ->
                        assertThat(problem.getMessage()).isEqualTo("validation: soundness.deadlock: the join waits forever")));
        assertThat(repository.createDeploymentQuery().count()).isZero();
        assertThat(check.seen).containsExactly("unsound.bpmn");
    }

    @Test
    void aModelTheCheckAcceptsDeploysAndARemovedCheckIsNoLongerAsked() {
        RecordingCheck check = new RecordingCheck("unsound");
        guard().install(check);
        repository.createDeployment().addString("sound.bpmn", model("sound")).deploy();

        assertThat(guard().remove(check)).isTrue();
        repository.createDeployment().addString("unsound.bpmn", model("unsound")).deploy();

        assertThat(check.seen).containsExactly("sound.bpmn");
        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(2);
    }

    @Test
    void aStoredDeploymentReloadedIntoTheCacheIsNotChecked() throws Exception {
        repository.createDeployment().addString("stored.bpmn", model("stored")).deploy();
        stopEngine();
        startEngine();
        RecordingCheck refusingEverything = new RecordingCheck("stored");
        guard().install(refusingEverything);

        String instance = engine.engine().getRuntimeService().startProcessInstanceByKey("stored").getId();

        assertThat(instance).isNotBlank();
        assertThat(refusingEverything.seen).isEmpty();
    }

    @Test
    void aCheckThatFailsRefusesTheDeployment() {
        guard().install((resourceName, content) -> {
            throw new IllegalStateException("checker broke");
        });

        assertThat(catchThrowableOfType(() -> repository.createDeployment().addString("any.bpmn", model("any")).deploy(),
                DeploymentRefusedException.class)).hasMessageContaining("checker broke");
        assertThat(repository.createDeploymentQuery().count()).isZero();
    }
}
