package procos.das.generation.governance;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One deployed version of a process, as the engine holds it.
 *
 * @param key              the process definition key
 * @param version          the engine's version number (1, 2, …)
 * @param definitionId     the engine's process definition id
 * @param deploymentId     the deployment it came with
 * @param deployedAt       when it was deployed
 * @param runningInstances instances of this version still running
 * @param metadata         its {@code procos.*} properties ({@link ProcosProperties})
 */
public record ProcessVersion(String key, int version, String definitionId, String deploymentId, Instant deployedAt,
                             long runningInstances, Map<String, String> metadata) {

    public ProcessVersion {
        metadata = Map.copyOf(metadata);
    }

    public Optional<String> metadata(String name) {
        return Optional.ofNullable(metadata.get(name));
    }

    /** The version ProcOS gave the process ({@value ProcosProperties#VERSION}), which may differ from the engine's. */
    public Optional<String> procosVersion() {
        return metadata(ProcosProperties.VERSION);
    }

    public Optional<String> intent() {
        return metadata(ProcosProperties.INTENT);
    }

    public Optional<String> domain() {
        return metadata(ProcosProperties.DOMAIN);
    }

    public Optional<String> createdBy() {
        return metadata(ProcosProperties.CREATED_BY);
    }

    public Optional<String> validationHash() {
        return metadata(ProcosProperties.VALIDATION_HASH);
    }

    /** The engine version this one restored, when it was deployed by a rollback. */
    public Optional<String> rolledBackFrom() {
        return metadata(ProcosProperties.ROLLED_BACK_FROM);
    }
}
