package procos.das.vector;

import java.util.Collection;

/**
 * The one dimension every vector of a repository has, and the checks that keep it so. Both
 * implementations run these before writing anything, so a batch with one bad chunk is refused
 * whole and the stored content stays as it was.
 *
 * @param value number of components, at least 1
 */
public record VectorDimension(int value) {

    public VectorDimension {
        if (value < 1) {
            throw new IllegalArgumentException("vector dimension must be at least 1, got " + value);
        }
    }

    /**
     * Checks every chunk before any is written.
     *
     * @throws IllegalArgumentException naming the first chunk at fault, its dimension and this one
     */
    public void checkAll(Collection<Chunk> chunks) {
        for (Chunk chunk : chunks) {
            check(chunk);
        }
    }

    /** @throws IllegalArgumentException naming the chunk, its dimension and this one */
    public void check(Chunk chunk) {
        String problem = problemWith(chunk.vector());
        if (problem != null) {
            throw new IllegalArgumentException("chunk '" + chunk.id() + "': " + problem);
        }
    }

    /** @throws IllegalArgumentException if the query's vector cannot be compared with the stored ones */
    public void checkQuery(VectorQuery query) {
        String problem = problemWith(query.vector());
        if (problem != null) {
            throw new IllegalArgumentException("query vector: " + problem);
        }
    }

    /** Why {@code vector} cannot be stored or searched with, or null when it can. */
    private String problemWith(float[] vector) {
        if (vector.length != value) {
            return "vector has dimension " + vector.length + " but this repository holds dimension " + value;
        }
        boolean allZero = true;
        for (float component : vector) {
            if (!Float.isFinite(component)) {
                return "vector has a component that is not a finite number";
            }
            allZero &= component == 0f;
        }
        // Cosine similarity is undefined for the zero vector; it would rank arbitrarily.
        return allZero ? "vector is all zeros, which has no direction to compare" : null;
    }
}
