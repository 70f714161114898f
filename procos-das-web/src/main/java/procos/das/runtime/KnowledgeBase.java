package procos.das.runtime;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import procos.das.knowledge.IngestionPlans;
import procos.das.knowledge.IngestionSettings;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.WordPieceTokenCounter;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.manifest.RemovedSources;
import procos.das.knowledge.progress.LoggingProgressListener;
import procos.das.rag.LanguageModel;
import procos.das.rag.PdeLanguageModel;
import procos.das.rag.RagService;
import procos.das.rag.RagSettings;
import procos.das.rag.RetrievalCache;
import procos.das.vector.VectorRepository;
import procos.das.vector.config.VectorStoreSettings;
import procos.kernel.Kernel;
import procos.kernel.config.InvalidSettingsException;
import procos.logging.StructuredLogger;

/**
 * The server's knowledge base: embedding model, vector store, manifest, ingestion and answers,
 * configured by MicroProfile Config ({@value #DATA_DIR}, {@value #MODEL} and the
 * {@code procos.vector.*} settings). Opened on first use — loading the model takes a second or
 * two and need not delay the server — and closed with the application.
 */
@ApplicationScoped
public class KnowledgeBase {

    public static final String DATA_DIR = "procos.knowledge.data-dir";
    public static final String MODEL = "procos.das.embedding.model";
    static final String DEFAULT_DATA_DIR = "./data/knowledge";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das");

    @Inject
    Config config;

    @Inject
    Kernel kernel;

    @Inject
    KnowledgeMetrics metrics;

    private final RetrievalCache retrievals = new RetrievalCache(1_000, Duration.ofMinutes(10), Clock.systemUTC());
    private volatile Opened opened;

    private record Opened(Embedder embedder, VectorRepository store, KnowledgeIngestor ingestor, RagService rag) {
    }

    public KnowledgeIngestor ingestor() {
        return open().ingestor();
    }

    public RagService rag() {
        return open().rag();
    }

    /** The in-process embedding model the knowledge base indexes with. */
    public Embedder embedder() {
        return open().embedder();
    }

    public VectorRepository store() {
        return open().store();
    }

    public RetrievalCache retrievals() {
        return retrievals;
    }

    public IngestionPlans plans() {
        return new IngestionPlans(dataDir().resolve("plans"));
    }

    public Path dataDir() {
        return Path.of(config.getOptionalValue(DATA_DIR, String.class).orElse(DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
    }

    private Opened open() {
        Opened current = opened;
        if (current == null) {
            synchronized (this) {
                if (opened == null) {
                    opened = build();
                }
                current = opened;
            }
        }
        return current;
    }

    private Opened build() {
        long started = System.nanoTime();
        OnnxModel model = OnnxModel.fromName(MODEL, config.getOptionalValue(MODEL, String.class).orElse(null));
        VectorStoreSettings storeSettings;
        try {
            storeSettings = VectorStoreSettings.from(key -> config.getOptionalValue(key, String.class));
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException("DAS vector store settings are invalid: " + e.getMessage(), e);
        }
        Embedder embedder = new OnnxEmbedder(model);
        VectorRepository store = storeSettings.open();
        try {
            Manifest manifest = Manifest.load(dataDir().resolve("manifest.jsonl"));
            KnowledgeIngestor ingestor = new KnowledgeIngestor(embedder, store, manifest,
                    new LoggingProgressListener(Duration.ofSeconds(5)).and(metrics),
                    new Chunker(new WordPieceTokenCounter(), IngestionSettings.DEFAULT.chunking()), IngestionSettings.DEFAULT,
                    new RemovedSources(dataDir().resolve("removed-sources.json")));
            RagService rag = new RagService(embedder, store, languageModel(), RagSettings.DEFAULTS);
            LOG.info("knowledge_base_opened").with("model", embedder.modelId()).with("store", storeSettings.kind().name())
                    .with("chunks", store.count()).with("data_dir", dataDir().toString()).durationSince(started).log();
            return new Opened(embedder, store, ingestor, rag);
        } catch (IOException e) {
            store.close();
            embedder.close();
            throw new UncheckedIOException("knowledge manifest could not be read: " + e.getMessage(), e);
        }
    }

    /** The PDEs' LLM endpoints when the kernel runs them; else answers are extractive. */
    private LanguageModel languageModel() {
        return Optional.ofNullable(kernel).flatMap(Kernel::pdes)
                .<LanguageModel>map(pdes -> new PdeLanguageModel(pdes.endpoints(), pdes.pipeline()))
                .orElse(LanguageModel.NONE);
    }

    @PreDestroy
    void close() {
        Opened current = opened;
        if (current != null) {
            current.store().close();
            current.embedder().close();
        }
    }
}
