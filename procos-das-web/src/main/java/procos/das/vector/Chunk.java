package procos.das.vector;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One indexed piece of knowledge: a passage of a source, its embedding and its metadata.
 *
 * @param id       stable id, unique in the repository (for example {@code <sourceId>#<position>})
 * @param sourceId the source it was cut from (a file path or URL, as the manifest records it)
 * @param position its ordinal within the source, from 0
 * @param text     the passage itself, returned with answers as the cited text
 * @param vector   its embedding; every chunk of one repository has the same dimension
 * @param metadata filterable text attributes (for example {@code content_type}, {@code heading})
 */
public record Chunk(String id, String sourceId, int position, String text, float[] vector,
                    Map<String, String> metadata) {

    public Chunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        if (position < 0) {
            throw new IllegalArgumentException("position must be 0 or more, got " + position);
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Chunk that && id.equals(that.id) && sourceId.equals(that.sourceId)
                && position == that.position && text.equals(that.text) && Arrays.equals(vector, that.vector)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, sourceId, position, text, Arrays.hashCode(vector), metadata);
    }

    @Override
    public String toString() {
        return "Chunk[" + id + ", source=" + sourceId + ", position=" + position + ", dims=" + vector.length + "]";
    }
}
