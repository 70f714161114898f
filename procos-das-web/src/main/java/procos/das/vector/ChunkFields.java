package procos.das.vector;

import java.util.Collection;

/**
 * The names of a chunk's fields, the same in every store and in the export file, so that one
 * vocabulary describes a chunk wherever it is kept; and the checks every store makes on a
 * replacement batch.
 */
public final class ChunkFields {

    public static final String ID = "id";
    /** Also the filter key that selects by source rather than by a metadata entry. */
    public static final String SOURCE_ID = "source_id";
    public static final String POSITION = "position";
    public static final String TEXT = "text";
    public static final String METADATA = "metadata";
    public static final String VECTOR = "vector";

    private ChunkFields() {
    }

    /**
     * Checks that a replacement of {@code sourceId} holds only chunks of that source.
     *
     * @throws IllegalArgumentException naming the first chunk of another source
     */
    public static void requireAllOfSource(String sourceId, Collection<Chunk> chunks) {
        for (Chunk chunk : chunks) {
            if (!chunk.sourceId().equals(sourceId)) {
                throw new IllegalArgumentException("chunk '" + chunk.id() + "' belongs to source '" + chunk.sourceId()
                        + "', not to '" + sourceId + "' which is being replaced");
            }
        }
    }
}
