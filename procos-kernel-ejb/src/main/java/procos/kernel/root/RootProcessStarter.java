package procos.kernel.root;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import procos.logging.StructuredLogger;

/**
 * Keeps exactly one root orchestrator running: on every boot it finds the instance a previous boot
 * started (it lives in the database) and starts a new one only when none is running.
 */
public class RootProcessStarter {

    public static final String PROCESS_KEY = "root_peo";
    public static final String BUSINESS_KEY = "procos-root";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("kernel");

    private final RuntimeService runtimeService;

    public RootProcessStarter(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /** Returns the id of the running root instance, starting one if needed. */
    public String ensureRunning() {
        List<ProcessInstance> running = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .orderByProcessInstanceId().asc()
                .list();
        if (!running.isEmpty()) {
            if (running.size() > 1) {
                LOG.warn("root_peo_duplicates").with("instances", running.stream().map(ProcessInstance::getId).toList()).log();
            }
            String id = running.get(0).getId();
            LOG.info("root_peo_resumed").processInstanceId(id).peoId(PROCESS_KEY).log();
            return id;
        }
        ProcessInstance started = runtimeService.startProcessInstanceByKey(PROCESS_KEY, BUSINESS_KEY);
        LOG.info("root_peo_started").processInstanceId(started.getId()).peoId(PROCESS_KEY).log();
        return started.getId();
    }
}
