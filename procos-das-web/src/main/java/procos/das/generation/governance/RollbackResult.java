package procos.das.generation.governance;

import java.util.List;

/**
 * The outcome of a rollback.
 *
 * @param deployed        the new latest version, holding the restored version's model, and what retention did
 * @param restoredVersion the version whose model was restored
 * @param previous        the version that was the latest before the rollback
 * @param migrated        instances of {@code previous} now running on the new latest version
 * @param notMigrated     instances of {@code previous} left where they were, each with the engine's reason
 */
public record RollbackResult(Deployed deployed, int restoredVersion, ProcessVersion previous, List<String> migrated,
                             List<UnmigratedInstance> notMigrated) {

    public RollbackResult {
        migrated = List.copyOf(migrated);
        notMigrated = List.copyOf(notMigrated);
    }
}
