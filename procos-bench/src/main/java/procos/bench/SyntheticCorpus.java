package procos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import procos.das.vector.Chunk;

/**
 * Reproducible stand-in for embedded knowledge: unit vectors scattered around random cluster
 * centres (so neighbourhoods exist, as they do for real embeddings, unlike uniform noise), each with
 * a text of its cluster's topic words and common filler words for BM25. Not real embeddings:
 * embedding 100k chunks with the in-process model would take about an hour on this machine.
 */
final class SyntheticCorpus {

    static final int CLUSTERS = 200;
    /** Per-component noise around the centre; at 384 dimensions it puts a chunk at cosine ≈ 0.5–0.7 to its centre. */
    static final double SPREAD = 0.05;
    private static final int TOPIC_WORDS = 20;
    private static final int COMMON_WORDS = 2000;

    private final int dimension;
    private final float[][] centres;
    private final Random random;

    SyntheticCorpus(int dimension, long seed) {
        this.dimension = dimension;
        this.random = new Random(seed);
        this.centres = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centres[c] = normalized(gaussian(1.0));
        }
    }

    /** {@code count} chunks; calling again continues the same sequence. */
    List<Chunk> chunks(int count) {
        List<Chunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int cluster = random.nextInt(CLUSTERS);
            String id = "chunk-" + i;
            chunks.add(new Chunk(id, "source-" + (i / 20), i % 20, text(cluster, 4, 8), point(cluster),
                    Map.of("cluster", Integer.toString(cluster))));
        }
        return chunks;
    }

    /** A query drawn from the same distribution as the chunks, with a short text on its topic. */
    Query query() {
        int cluster = random.nextInt(CLUSTERS);
        return new Query(point(cluster), text(cluster, 2, 1));
    }

    record Query(float[] vector, String text) {
    }

    /** The ids of the {@code k} chunks most similar to {@code query} by exact cosine: the ground truth. */
    static List<String> exactTopK(float[] query, List<Chunk> chunks, int k) {
        float[] q = normalized(query);
        // Min-heap of the best k so far, by score: one pass, no sort of the whole corpus.
        PriorityQueue<Map.Entry<Float, Chunk>> best = new PriorityQueue<>(k + 1, Map.Entry.comparingByKey());
        for (Chunk chunk : chunks) {
            float score = dot(q, chunk.vector());
            if (best.size() < k || score > best.peek().getKey()) {
                best.add(Map.entry(score, chunk));
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        List<String> ids = new ArrayList<>(k);
        while (!best.isEmpty()) {
            ids.add(0, best.poll().getValue().id());
        }
        return ids;
    }

    private float[] point(int cluster) {
        float[] noise = gaussian(SPREAD);
        for (int d = 0; d < dimension; d++) {
            noise[d] += centres[cluster][d];
        }
        return normalized(noise);
    }

    private String text(int cluster, int topicWords, int commonWords) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < topicWords; i++) {
            text.append("topic").append(cluster).append('x').append(random.nextInt(TOPIC_WORDS)).append(' ');
        }
        for (int i = 0; i < commonWords; i++) {
            text.append("word").append(random.nextInt(COMMON_WORDS)).append(' ');
        }
        return text.toString().strip();
    }

    private float[] gaussian(double sigma) {
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = (float) (random.nextGaussian() * sigma);
        }
        return vector;
    }

    private static float[] normalized(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            unit[d] = (float) (vector[d] / norm);
        }
        return unit;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
