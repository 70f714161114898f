package procos.das.vector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import procos.das.vector.VectorDimension;
import procos.das.vector.VectorRepository;
import procos.das.vector.lucene.LuceneSettings;
import procos.das.vector.lucene.LuceneVectorRepository;
import procos.das.vector.milvus.MilvusSettings;
import procos.das.vector.milvus.MilvusVectorRepository;
import procos.kernel.config.ConfigProblem;
import procos.kernel.config.InvalidSettingsException;

/**
 * Which vector store to open and how, read from one key → value lookup (MicroProfile Config in the
 * server, so {@code PROCOS_MILVUS_URI} sets {@code procos.milvus.uri}; a map in tests). Every
 * problem is collected before failing, each naming its setting.
 *
 * <p>The store is {@code procos.vector.store} when set; otherwise Milvus when
 * {@code procos.milvus.uri} is set, else the embedded index, so giving a Milvus address is enough
 * to switch.
 *
 * @param kind     the store selected
 * @param embedded its settings when {@code kind} is {@link VectorStoreKind#EMBEDDED}
 * @param milvus   its settings when {@code kind} is {@link VectorStoreKind#MILVUS}
 */
public record VectorStoreSettings(VectorStoreKind kind, Optional<LuceneSettings> embedded, Optional<MilvusSettings> milvus) {

    public static final String STORE = "procos.vector.store";
    public static final String DIR = "procos.vector.dir";
    public static final String DIMENSION = "procos.vector.dimension";
    public static final String OVERSAMPLING = "procos.vector.oversampling";
    public static final String MILVUS_URI = "procos.milvus.uri";
    public static final String MILVUS_TOKEN = "procos.milvus.token";
    public static final String MILVUS_DB = "procos.milvus.db";
    public static final String MILVUS_COLLECTION = "procos.milvus.collection";
    public static final String MILVUS_HNSW_M = "procos.milvus.hnsw-m";
    public static final String MILVUS_HNSW_EF_CONSTRUCTION = "procos.milvus.hnsw-ef-construction";
    public static final String MILVUS_SEARCH_EF = "procos.milvus.search-ef";

    /** Beside the engine's H2 file: Liberty runs with its output directory as working directory. */
    public static final String DEFAULT_DIR = "./data/vectors";
    /** The dimension of the embedding model that runs in-process by default (all-MiniLM-L6-v2). */
    public static final int DEFAULT_DIMENSION = 384;

    public VectorStoreSettings {
        Objects.requireNonNull(kind, "kind");
        if (embedded.isPresent() != (kind == VectorStoreKind.EMBEDDED) || milvus.isPresent() != (kind == VectorStoreKind.MILVUS)) {
            throw new IllegalArgumentException("exactly the settings of the selected store must be given");
        }
    }

    /**
     * Reads and checks every vector store setting.
     *
     * @throws InvalidSettingsException listing every problem, each naming its setting
     */
    public static VectorStoreSettings from(Function<String, Optional<String>> lookup) throws InvalidSettingsException {
        return new Reader(lookup).read();
    }

    /** Opens the selected store. */
    public VectorRepository open() {
        return kind == VectorStoreKind.MILVUS
                ? MilvusVectorRepository.open(milvus.orElseThrow())
                : LuceneVectorRepository.open(embedded.orElseThrow());
    }

    /** One pass over the settings, collecting problems. */
    private static final class Reader {

        private final Function<String, Optional<String>> lookup;
        private final List<ConfigProblem> problems = new ArrayList<>();

        Reader(Function<String, Optional<String>> lookup) {
            this.lookup = key -> lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
        }

        VectorStoreSettings read() throws InvalidSettingsException {
            Optional<String> uri = lookup.apply(MILVUS_URI);
            VectorStoreKind kind = kind(uri.isPresent() ? VectorStoreKind.MILVUS : VectorStoreKind.EMBEDDED);
            VectorDimension dimension = new VectorDimension(integer(DIMENSION, DEFAULT_DIMENSION, 1, 65_536));
            Optional<LuceneSettings> embedded = Optional.empty();
            Optional<MilvusSettings> milvus = Optional.empty();
            if (kind == VectorStoreKind.EMBEDDED) {
                embedded = Optional.of(new LuceneSettings(directory(), dimension,
                        integer(OVERSAMPLING, LuceneSettings.DEFAULT_OVERSAMPLING, 1, 100)));
            } else {
                milvus = milvus(uri, dimension);
            }
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
            return new VectorStoreSettings(kind, embedded, milvus);
        }

        private VectorStoreKind kind(VectorStoreKind fallback) {
            Optional<String> raw = lookup.apply(STORE);
            if (raw.isEmpty()) {
                return fallback;
            }
            switch (raw.get().toLowerCase(Locale.ROOT)) {
                case "embedded":
                    return VectorStoreKind.EMBEDDED;
                case "milvus":
                    return VectorStoreKind.MILVUS;
                default:
                    problems.add(new ConfigProblem(STORE, raw.get(), "must be embedded or milvus"));
                    return fallback;
            }
        }

        private Path directory() {
            String raw = lookup.apply(DIR).orElse(DEFAULT_DIR);
            try {
                return Path.of(raw).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.add(new ConfigProblem(DIR, raw, "not a valid path: " + e.getReason()));
                return Path.of(DEFAULT_DIR).toAbsolutePath().normalize();
            }
        }

        private Optional<MilvusSettings> milvus(Optional<String> uri, VectorDimension dimension) {
            if (uri.isEmpty()) {
                problems.add(new ConfigProblem(MILVUS_URI, null, "required when " + STORE + " is milvus"));
            } else {
                checkUri(uri.get());
            }
            String database = name(MILVUS_DB, MilvusSettings.DEFAULT_DATABASE);
            String collection = name(MILVUS_COLLECTION, MilvusSettings.DEFAULT_COLLECTION);
            int m = integer(MILVUS_HNSW_M, MilvusSettings.DEFAULT_HNSW_M, 2, 2048);
            int efConstruction = integer(MILVUS_HNSW_EF_CONSTRUCTION, MilvusSettings.DEFAULT_HNSW_EF_CONSTRUCTION, 1, 1_000_000);
            int searchEf = integer(MILVUS_SEARCH_EF, MilvusSettings.DEFAULT_SEARCH_EF, 1, 1_000_000);
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new MilvusSettings(uri.orElseThrow(), lookup.apply(MILVUS_TOKEN), database, collection,
                    dimension, m, efConstruction, searchEf));
        }

        private void checkUri(String raw) {
            try {
                URI uri = new URI(raw);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    problems.add(new ConfigProblem(MILVUS_URI, raw, "must be http://host:port or https://host:port"));
                }
            } catch (URISyntaxException e) {
                problems.add(new ConfigProblem(MILVUS_URI, raw, "not a URI: " + e.getReason()));
            }
        }

        private String name(String key, String fallback) {
            String value = lookup.apply(key).orElse(fallback);
            if (!MilvusSettings.NAME.matcher(value).matches()) {
                problems.add(new ConfigProblem(key, value,
                        "must start with a letter or underscore and hold only letters, digits and underscores (at most 255)"));
                return fallback;
            }
            return value;
        }

        private int integer(String key, int fallback, int min, int max) {
            Optional<String> raw = lookup.apply(key);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value >= min && value <= max) {
                    return value;
                }
                problems.add(new ConfigProblem(key, raw.get(), "must be between " + min + " and " + max));
            } catch (NumberFormatException e) {
                problems.add(new ConfigProblem(key, raw.get(), "not a whole number"));
            }
            return fallback;
        }
    }
}
