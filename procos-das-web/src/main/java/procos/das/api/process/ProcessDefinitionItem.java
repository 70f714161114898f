package procos.das.api.process;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A deployed process definition as the console lists it.
 *
 * @param metadata  the {@code procos.*} properties of its process element (kind, version, intent …)
 * @param startable whether a person may start it now: active and marked startable
 */
@Schema(name = "ProcessDefinition", description = "A deployed process definition")
public record ProcessDefinitionItem(String id, String key, String name, int version, String deploymentId, boolean suspended,
                                    String resource, Map<String, String> metadata, boolean startable) {
}
