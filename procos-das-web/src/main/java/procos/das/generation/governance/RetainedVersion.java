package procos.das.generation.governance;

/**
 * An old version that retention would have removed but kept, and why (instances still run on it,
 * or its deployment holds more than this process).
 */
public record RetainedVersion(int version, String definitionId, String deploymentId, String reason) {
}
