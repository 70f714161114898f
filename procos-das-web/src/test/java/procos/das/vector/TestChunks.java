package procos.das.vector;

import java.util.Map;
import java.util.Random;

/** Chunks and vectors for tests, built so that expected rankings follow from the vectors alone. */
public final class TestChunks {

    public static final int DIMENSION = 8;

    private TestChunks() {
    }

    /** The unit vector along {@code axis}, tilted towards {@code towards} by {@code tilt}. */
    public static float[] axis(int axis, int towards, float tilt) {
        float[] vector = new float[DIMENSION];
        vector[axis] = 1f;
        vector[towards] += tilt;
        return vector;
    }

    public static float[] axis(int axis) {
        return axis(axis, axis, 0f);
    }

    /** A reproducible vector with no particular direction. */
    public static float[] random(long seed) {
        Random random = new Random(seed);
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    public static Chunk chunk(String id, String sourceId, float[] vector) {
        return new Chunk(id, sourceId, 0, "text of " + id, vector, Map.of());
    }

    public static Chunk chunk(String id, String sourceId, int position, String text, float[] vector, Map<String, String> metadata) {
        return new Chunk(id, sourceId, position, text, vector, metadata);
    }
}
