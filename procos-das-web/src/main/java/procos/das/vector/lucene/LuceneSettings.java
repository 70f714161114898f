package procos.das.vector.lucene;

import java.nio.file.Path;
import java.util.Objects;
import procos.das.vector.VectorDimension;

/**
 * How the embedded index is opened.
 *
 * @param directory    where the index lives (created if missing)
 * @param dimension    the dimension of every vector; an existing index of another dimension is refused
 * @param oversampling HNSW is asked for {@code k × oversampling} neighbours and the best {@code k}
 *                     kept; 5 measured recall@10 of 1.0 at 100k chunks where 1 gave about 0.90
 */
public record LuceneSettings(Path directory, VectorDimension dimension, int oversampling) {

    public static final int DEFAULT_OVERSAMPLING = 5;

    public LuceneSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(dimension, "dimension");
        if (oversampling < 1) {
            throw new IllegalArgumentException("oversampling must be at least 1, got " + oversampling);
        }
    }
}
