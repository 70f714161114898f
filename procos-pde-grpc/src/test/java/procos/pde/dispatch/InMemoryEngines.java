package procos.pde.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/** Test fixture: a real engine on a private in-memory H2 database, wired to a dispatcher's signal as the kernel wires it. */
public final class InMemoryEngines {

    private InMemoryEngines() {
    }

    /** A new engine whose external tasks signal {@code signal} when committed; no job executor. */
    public static ProcessEngine start(String name, WorkSignal signal) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setCustomPostBPMNParseListeners(new ArrayList<BpmnParseListener>(List.of(new ExternalTaskCreatedListener(signal))));
        return configuration.buildProcessEngine();
    }

    /**
     * The instance's end state once it ended; "INCIDENT: message" as soon as it has an incident;
     * "NOT_ENDED" after 30 s.
     */
    public static String awaitEnd(ProcessEngine engine, String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            HistoricProcessInstance history = engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceId(id).singleResult();
            if (history.getEndTime() != null) {
                return history.getState();
            }
            if (engine.getRuntimeService().createIncidentQuery().processInstanceId(id).count() > 0) {
                return "INCIDENT: " + engine.getRuntimeService().createIncidentQuery().processInstanceId(id)
                        .singleResult().getIncidentMessage();
            }
            Thread.sleep(50);
        }
        return "NOT_ENDED";
    }
}
