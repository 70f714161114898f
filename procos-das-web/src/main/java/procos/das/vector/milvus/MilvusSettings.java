package procos.das.vector.milvus;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import procos.das.vector.VectorDimension;

/**
 * Where the Milvus collection is and how it is indexed.
 *
 * @param uri              the server, for example {@code http://milvus:19530}
 * @param token            {@code user:password} or an API key; none for an open server
 * @param database         the Milvus database
 * @param collection       the collection, created with this module's schema if missing
 * @param dimension        the dimension of every vector; an existing collection of another is refused
 * @param hnswM            HNSW graph degree ({@code M})
 * @param hnswEfConstruction HNSW build-time candidate list ({@code efConstruction})
 * @param searchEf         HNSW search-time candidate list ({@code ef}); raised to {@code k} when smaller
 */
public record MilvusSettings(String uri, Optional<String> token, String database, String collection,
                             VectorDimension dimension, int hnswM, int hnswEfConstruction, int searchEf) {

    public static final String DEFAULT_DATABASE = "default";
    public static final String DEFAULT_COLLECTION = "procos_chunks";
    public static final int DEFAULT_HNSW_M = 16;
    public static final int DEFAULT_HNSW_EF_CONSTRUCTION = 200;
    public static final int DEFAULT_SEARCH_EF = 64;

    /** Milvus's own rule for collection and database names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    public MilvusSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(dimension, "dimension");
        requireName("database", database);
        requireName("collection", collection);
        if (hnswM < 2 || hnswEfConstruction < 1 || searchEf < 1) {
            throw new IllegalArgumentException("HNSW parameters must be positive (M at least 2), got M=" + hnswM
                    + ", efConstruction=" + hnswEfConstruction + ", ef=" + searchEf);
        }
    }

    /** The same server and index with another collection (tests give each run its own). */
    public MilvusSettings withCollection(String otherCollection) {
        return new MilvusSettings(uri, token, database, otherCollection, dimension, hnswM, hnswEfConstruction, searchEf);
    }

    private static void requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' must start with a letter or underscore and hold only letters, digits and underscores (at most 255)");
        }
    }
}
