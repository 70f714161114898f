package procos.das.api.instance;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An open incident: where it happened, of what type (failedJob, failedExternalTask …), why. */
@Schema(name = "Incident")
public record IncidentItem(String id, String activityId, String type, String message, String created) {
}
