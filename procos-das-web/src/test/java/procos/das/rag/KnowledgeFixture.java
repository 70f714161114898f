package procos.das.rag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.vector.Chunk;
import procos.das.vector.VectorDimension;
import procos.das.vector.lucene.LuceneSettings;
import procos.das.vector.lucene.LuceneVectorRepository;

/**
 * A small knowledge base on disk: the real ONNX embedding model and the embedded Lucene index, with
 * passages on unrelated subjects so that relevance has something to tell apart.
 */
final class KnowledgeFixture implements AutoCloseable {

    static final String PORTS = "docs/operations.md";
    static final String TEA = "notes/tea.md";
    static final String BRIDGES = "notes/bridges.txt";

    final Embedder embedder = new OnnxEmbedder(OnnxModel.DEFAULT);
    final LuceneVectorRepository store;
    private final Map<String, List<String>> passages = new HashMap<>();

    KnowledgeFixture(Path directory) {
        store = LuceneVectorRepository.open(new LuceneSettings(directory, new VectorDimension(embedder.dimension()),
                LuceneSettings.DEFAULT_OVERSAMPLING));
        add(PORTS, List.of(
                "The PDE gRPC server listens on port 50051 unless PROCOS_GRPC_PORT says otherwise. "
                        + "Clients must send a bearer token unless the server runs in development mode.",
                "Health endpoints are served over HTTP on port 9080. The readiness check reports every invalid setting."));
        add(TEA, List.of(
                "Green tea should be brewed with water at about 80 degrees Celsius for two to three minutes. "
                        + "Boiling water makes it bitter.",
                "Black tea tolerates boiling water and is usually steeped for four minutes."));
        add(BRIDGES, List.of(
                "A suspension bridge hangs its deck from cables strung between towers. "
                        + "The Golden Gate Bridge opened in 1937."));
    }

    /** Stores every passage of {@code source} again, as a copy named {@code copy} would be. */
    void addCopy(String source, String copy) {
        add(copy, passages.get(source));
    }

    private void add(String source, List<String> passages) {
        this.passages.put(source, passages);
        List<float[]> vectors = embedder.embedAll(passages);
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            chunks.add(new Chunk(source + "#" + i, source, i, passages.get(i), vectors.get(i), Map.of()));
        }
        store.replaceSource(source, chunks);
    }

    @Override
    public void close() {
        store.close();
        embedder.close();
    }
}
