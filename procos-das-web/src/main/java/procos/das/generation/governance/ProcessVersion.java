package procos.das.generation.governance;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import procos.das.validation.ModelProperties;

/**
 * One deployed version of a process, as the engine holds it.
 *
 * @param key              the process definition key
 * @param version          the engine's version number (1, 2, …)
 * @param definitionId     the engine's process definition id
 * @param deploymentId     the deployment it came with
 * @param deployedAt       when it was deployed
 * @param runningInstances instances of this version still running
 * @param metadata         its {@code procos.*} properties ({@link ModelProperties})
 */
public record ProcessVersion(String key, int version, String definitionId, String deploymentId, Instant deployedAt,
                             long runningInstances, Map<String, String> metadata) {

    public ProcessVersion {
        metadata = Map.copyOf(metadata);
    }

    public Optional<String> metadata(String name) {
        return Optional.ofNullable(metadata.get(name));
    }

    /** The version ProcOS gave the process ({@value ModelProperties#VERSION}), which may differ from the engine's. */
    public Optional<String> procosVersion() {
        return metadata(ModelProperties.VERSION);
    }

    public Optional<String> intent() {
        return metadata(ModelProperties.INTENT);
    }

    public Optional<String> domain() {
        return metadata(ModelProperties.DOMAIN);
    }

    public Optional<String> createdBy() {
        return metadata(ModelProperties.CREATED_BY);
    }

    public Optional<String> validationHash() {
        return metadata(ModelProperties.VALIDATION_HASH);
    }

    /** The engine version this one restored, when it was deployed by a rollback. */
    public Optional<String> rolledBackFrom() {
        return metadata(ModelProperties.ROLLED_BACK_FROM);
    }
}
