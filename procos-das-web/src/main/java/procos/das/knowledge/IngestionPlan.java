package procos.das.knowledge;

import java.util.List;

/**
 * What a run over a folder has to do, worked out before doing it, so the {@code knowledge_preload}
 * process can give each source its own task.
 *
 * @param folder    the folder scanned, absolute
 * @param toIndex   sources that are new or changed since the manifest (by content hash or model), in
 *                  a stable order; a task indexes one of them by its position
 * @param gone      sources the manifest lists under the folder that are no longer there
 * @param unchanged sources whose indexed chunks are still current
 */
public record IngestionPlan(String folder, List<String> toIndex, List<String> gone, int unchanged) {

    public IngestionPlan {
        toIndex = List.copyOf(toIndex);
        gone = List.copyOf(gone);
    }
}
