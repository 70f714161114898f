package it.procos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import procos.kernel.Kernel;
import procos.kernel.KernelPhase;
import procos.kernel.KernelStatus;
import procos.kernel.root.RootProcessStarter;

/** The kernel boots inside the real server, on the database the suite runs against. */
@ExtendWith(ArquillianExtension.class)
class KernelBootIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return ProcosDeployment.withTestClasses(KernelBootIT.class);
    }

    @Inject
    Kernel kernel;

    @Inject
    RuntimeService runtimeService;

    @Inject
    RepositoryService repositoryService;

    @Inject
    ManagementService managementService;

    @Test
    void kernelReachesMonitoringWithEveryBootPhaseTimed() {
        KernelStatus status = kernel.status();
        assertEquals(KernelPhase.MONITORING, status.phase(), () -> "problems: " + status.problems());
        assertEquals(List.of("validating_config", "starting_engine", "securing", "deploying", "starting_pdes", "starting_root"),
                List.copyOf(status.bootPhasesMs().keySet()));
        assertTrue(status.problems().isEmpty(), () -> "problems: " + status.problems());
        assertTrue(kernel.engine().orElseThrow().jobExecutorActive(), "job executor runs");
        assertTrue(kernel.engine().orElseThrow().databaseReachable(), "database answers");
    }

    @Test
    void kernelRunsOnTheConfiguredDatabase() {
        String configured = System.getenv("PROCOS_DB_URL");
        String expectedKind = configured != null && configured.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        assertTrue(kernel.status().database().startsWith(expectedKind), () -> "database: " + kernel.status().database());
    }

    @Test
    void everyBuiltInProcessIsDeployed() {
        assertTrue(kernel.status().deployment().allDeployed(), () -> "failed: " + kernel.status().deployment().failed());
        assertEquals(1, repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(RootProcessStarter.PROCESS_KEY).latestVersion().count());
    }

    @Test
    void rootOrchestratorRunsExactlyOnceAndIdlesOnItsTimer() {
        List<ProcessInstance> roots = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(RootProcessStarter.PROCESS_KEY).list();
        assertEquals(1, roots.size(), "exactly one root orchestrator");
        ProcessInstance root = roots.get(0);
        assertEquals(kernel.status().rootInstanceId(), root.getId());
        assertEquals(RootProcessStarter.BUSINESS_KEY, root.getBusinessKey());
        assertNotNull(runtimeService.getVariable(root.getId(), "procos_started_at"), "init_env ran");
        assertEquals(List.of("idle_monitor"), runtimeService.getActiveActivityIds(root.getId()));
        assertEquals(1, managementService.createJobQuery().processInstanceId(root.getId()).timers().count());
    }
}
