package procos.das.api.instance;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A process instance in a list.
 *
 * @param state     active, suspended, incident (active with an open incident), completed or canceled
 * @param incidents open incidents of the instance
 */
@Schema(name = "Instance", description = "A process instance")
public record InstanceItem(String id, String definitionId, String definitionKey, String definitionName, String businessKey,
                           String state, String startTime, String endTime, long incidents) {
}
