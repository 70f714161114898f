package procos.das.api.instance;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import procos.das.api.ApiProblem;

/**
 * Gives what failed one more try: a failed job's retries, or a failed external task's, are set to 1,
 * which resolves the incident and lets the job executor or a PDE take the work again.
 */
public final class IncidentRetry {

    private final ProcessEngine engine;

    public IncidentRetry(ProcessEngine engine) {
        this.engine = engine;
    }

    /** 404 for an unknown incident; 409 for one of a type that has nothing to retry. */
    public void retry(String incidentId) {
        Incident incident = engine.getRuntimeService().createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw ApiProblem.notFound("incident '" + incidentId + "' does not exist or is resolved");
        }
        switch (incident.getIncidentType()) {
            case Incident.FAILED_JOB_HANDLER_TYPE -> engine.getManagementService().setJobRetries(incident.getConfiguration(), 1);
            case Incident.EXTERNAL_TASK_HANDLER_TYPE -> engine.getExternalTaskService().setRetries(incident.getConfiguration(), 1);
            default -> throw ApiProblem.conflict("incident " + incidentId + " is of type " + incident.getIncidentType()
                    + ": only failed jobs and failed external tasks can be retried");
        }
    }
}
