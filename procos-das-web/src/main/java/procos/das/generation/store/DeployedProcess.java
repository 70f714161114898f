package procos.das.generation.store;

import java.time.Instant;

/** Where a generated process went: its definition in the engine. */
public record DeployedProcess(String processKey, int version, String definitionId, String deploymentId, Instant at) {
}
