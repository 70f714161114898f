package procos.kernel.monitor;

import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;

/** Reads the counts an operator watches: incidents, job backlog, failed jobs, running instances. */
public class EngineMonitor {

    private final ProcessEngine engine;

    public EngineMonitor(ProcessEngine engine) {
        this.engine = engine;
    }

    public EngineSnapshot snapshot() {
        return new EngineSnapshot(
                Instant.now(),
                engine.getRuntimeService().createIncidentQuery().count(),
                engine.getManagementService().createJobQuery().executable().count(),
                engine.getManagementService().createJobQuery().noRetriesLeft().count(),
                engine.getRuntimeService().createProcessInstanceQuery().active().count(),
                engine.getExternalTaskService().createExternalTaskQuery().notLocked().count());
    }
}
