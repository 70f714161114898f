package procos.das.generation.governance;

/** A running instance a rollback left on its version, with the engine's reason it could not be migrated. */
public record UnmigratedInstance(String processInstanceId, String reason) {
}
