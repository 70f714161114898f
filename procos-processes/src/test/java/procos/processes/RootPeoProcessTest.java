package procos.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BPMN set deploys, and the root orchestrator moves through its phases, on a real engine. The
 * kernel's CDI bean is stood in for by a plain object under the same name: this test is about the
 * process's flow, the bean has its own tests in the container.
 */
class RootPeoProcessTest {

    private ProcessEngine engine;
    private final RecordingOrchestrator orchestrator = new RecordingOrchestrator();

    @BeforeEach
    void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:processes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setBeans(Map.of("rootOrchestrator", orchestrator));
        engine = configuration.buildProcessEngine();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void everyProcessFileDeploys() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("src/main/resources/processes"))) {
            files = listing.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                engine.getRepositoryService().createDeployment().addInputStream(file.getFileName().toString(), in).deploy();
            }
        }
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(files.size());
    }

    @Test
    void rootRecordsItsEnvironmentThenIdlesOnATimerAndBeatsEachTimeItFires() {
        deployRoot();

        ProcessInstance root = engine.getRuntimeService().startProcessInstanceByKey("root_peo");

        assertThat(orchestrator.environmentRecorded).isTrue();
        assertThat(engine.getRuntimeService().getActiveActivityIds(root.getId())).containsExactly("idle_monitor");
        for (int beat = 1; beat <= 3; beat++) {
            Job timer = engine.getManagementService().createJobQuery().processInstanceId(root.getId()).timers().singleResult();
            engine.getManagementService().executeJob(timer.getId());
            assertThat(orchestrator.beats).isEqualTo(beat);
            assertThat(engine.getRuntimeService().getActiveActivityIds(root.getId())).containsExactly("idle_monitor");
        }
    }

    @Test
    void idleTimerFollowsTheConfiguredInterval() {
        deployRoot();
        orchestrator.interval = "PT10M";

        ProcessInstance root = engine.getRuntimeService().startProcessInstanceByKey("root_peo");

        Job timer = engine.getManagementService().createJobQuery().processInstanceId(root.getId()).timers().singleResult();
        long minutes = (timer.getDuedate().getTime() - System.currentTimeMillis()) / 60_000;
        assertThat(minutes).isBetween(9L, 10L);
    }

    @Test
    void everyKernelBootPreloadsTheConfiguredKnowledgeFolderWithoutStoppingTheIdleLoop() {
        deployRoot();
        engine.getRepositoryService().createDeployment().addClasspathResource("processes/knowledge_preload.bpmn").deploy();
        orchestrator.knowledgeFolder = "/srv/knowledge";
        ProcessInstance root = engine.getRuntimeService().startProcessInstanceByKey("root_peo");

        for (int boot = 1; boot <= 2; boot++) {
            engine.getRuntimeService().createMessageCorrelation("procos_kernel_booted").processInstanceId(root.getId()).correlate();

            ProcessInstance preload = engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey("knowledge_preload").superProcessInstanceId(root.getId()).active().list()
                    .get(boot - 1);
            assertThat(engine.getRuntimeService().getVariable(preload.getId(), "folder")).isEqualTo("/srv/knowledge");
            assertThat(engine.getRuntimeService().getActiveActivityIds(root.getId())).contains("idle_monitor", "preload_knowledge");
        }
    }

    @Test
    void bootWithoutAKnowledgeFolderStartsNoPreload() {
        deployRoot();
        engine.getRepositoryService().createDeployment().addClasspathResource("processes/knowledge_preload.bpmn").deploy();
        ProcessInstance root = engine.getRuntimeService().startProcessInstanceByKey("root_peo");

        engine.getRuntimeService().createMessageCorrelation("procos_kernel_booted").processInstanceId(root.getId()).correlate();

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("knowledge_preload").count()).isZero();
        assertThat(engine.getRuntimeService().getActiveActivityIds(root.getId())).containsExactly("idle_monitor");
    }

    private void deployRoot() {
        engine.getRepositoryService().createDeployment().addClasspathResource("processes/root_peo.bpmn").deploy();
    }

    /** Stands in for the kernel's rootOrchestrator bean: same method names, records the calls. */
    public static class RecordingOrchestrator {
        volatile boolean environmentRecorded;
        volatile int beats;
        volatile String interval = "PT1M";
        volatile String knowledgeFolder = "";

        public void initEnvironment(DelegateExecution execution) {
            environmentRecorded = true;
        }

        public String idleInterval() {
            return interval;
        }

        public void heartbeat(DelegateExecution execution) {
            beats++;
        }

        public String knowledgeFolder() {
            return knowledgeFolder;
        }
    }
}
