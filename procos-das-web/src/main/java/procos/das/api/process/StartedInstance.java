package procos.das.api.process;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The instance a start created. */
@Schema(name = "StartedInstance")
public record StartedInstance(String instanceId, String definitionId, String businessKey) {
}
