package procos.kernel.engine;

import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.runtime.Incident;
import procos.logging.StructuredLogger;

/**
 * The engine's default incident handling, plus a metric and a log event the moment an incident is
 * raised, instead of waiting for the next monitor tick to notice it.
 */
public class CountingIncidentHandler extends DefaultIncidentHandler {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("engine");

    private final EngineEvents events;

    public CountingIncidentHandler(String incidentType, EngineEvents events) {
        super(incidentType);
        this.events = events;
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
        Incident incident = super.handleIncident(context, message);
        events.incidentRaised(getIncidentHandlerType());
        LOG.warn("incident_raised")
                .processInstanceId(incident.getProcessInstanceId())
                .with("incident_type", getIncidentHandlerType())
                .with("incident_id", incident.getId())
                .with("activity_id", context.getActivityId())
                .with("message", message)
                .log();
        return incident;
    }
}
