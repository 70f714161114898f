package procos.das.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.das.knowledge.IngestionPlans;
import procos.das.knowledge.IngestionSettings;
import procos.das.knowledge.KnowledgeIngestor;
import procos.das.knowledge.chunk.Chunker;
import procos.das.knowledge.chunk.WordPieceTokenCounter;
import procos.das.knowledge.embed.Embedder;
import procos.das.knowledge.embed.OnnxEmbedder;
import procos.das.knowledge.embed.OnnxModel;
import procos.das.knowledge.manifest.Manifest;
import procos.das.knowledge.manifest.SourceStatus;
import procos.das.knowledge.progress.LoggingProgressListener;
import procos.das.rag.LanguageModel;
import procos.das.rag.RagService;
import procos.das.rag.RagSettings;
import procos.das.rag.RetrievalCache;
import procos.das.vector.VectorDimension;
import procos.das.vector.lucene.LuceneSettings;
import procos.das.vector.lucene.LuceneVectorRepository;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * The DAS endpoints as the knowledge processes call them, step by step, over a real folder, the
 * real embedding model and the embedded Lucene index.
 */
class DasEndpointsTest {

    @TempDir
    static Path work;
    private static Embedder embedder;
    private static LuceneVectorRepository store;
    private static Manifest manifest;
    private static KnowledgeEndpoint knowledge;
    private static RagEndpoint rag;

    @BeforeAll
    static void open() throws Exception {
        embedder = new OnnxEmbedder(OnnxModel.DEFAULT);
        store = LuceneVectorRepository.open(new LuceneSettings(work.resolve("index"), new VectorDimension(embedder.dimension()),
                LuceneSettings.DEFAULT_OVERSAMPLING));
        manifest = Manifest.load(work.resolve("manifest.jsonl"));
        KnowledgeIngestor ingestor = new KnowledgeIngestor(embedder, store, manifest,
                new LoggingProgressListener(Duration.ofSeconds(5)),
                new Chunker(new WordPieceTokenCounter(), IngestionSettings.DEFAULT.chunking()), IngestionSettings.DEFAULT);
        knowledge = new KnowledgeEndpoint(() -> ingestor, new IngestionPlans(work.resolve("plans")));
        RagService service = new RagService(embedder, store, LanguageModel.NONE, RagSettings.DEFAULTS);
        rag = new RagEndpoint(() -> service, new RetrievalCache(100, Duration.ofMinutes(10), Clock.systemUTC()));
    }

    @AfterAll
    static void close() {
        store.close();
        embedder.close();
    }

    @Test
    void preloadStepsIndexChangedSourcesSkipUnchangedOnesAndRemoveDeletedOnes() throws Exception {
        Path folder = Files.createDirectories(work.resolve("preload"));
        Files.writeString(folder.resolve("grpc.md"), "# gRPC\n\nThe PDE gRPC server listens on port 50051 by default.\n");
        Files.writeString(folder.resolve("tea.md"), "# Tea\n\nGreen tea is brewed at about 80 degrees Celsius.\n");
        Files.write(folder.resolve("junk.bin"), new byte[] {0, 1, 2, 3, (byte) 0xFF, 0, 0, 7, 0, 0, 0, 0});

        Struct first = preload(folder);

        assertThat(first.getFieldsMap().get("to_index").getNumberValue()).isEqualTo(3);
        assertThat(store.count()).isPositive();
        assertThat(manifest.entry(folder.resolve("grpc.md").toString())).hasValueSatisfying(
                entry -> assertThat(entry.status()).isEqualTo(SourceStatus.INDEXED));
        assertThat(manifest.entry(folder.resolve("junk.bin").toString())).as("a bad file fails alone").hasValueSatisfying(
                entry -> assertThat(entry.status()).isEqualTo(SourceStatus.FAILED));

        long chunks = store.count();
        Files.delete(folder.resolve("tea.md"));
        Struct second = preload(folder);

        assertThat(second.getFieldsMap().get("unchanged").getNumberValue()).isEqualTo(1);
        assertThat(second.getFieldsMap().get("to_remove").getNumberValue()).isEqualTo(1);
        assertThat(store.count()).isLessThan(chunks);
        assertThat(manifest.entry(folder.resolve("tea.md").toString())).isEmpty();
    }

    @Test
    void preloadTasksReportTheWholeRunsProgressAsTheirOutputs() throws Exception {
        Path folder = Files.createDirectories(work.resolve("progress"));
        Files.writeString(folder.resolve("one.md"), "# One\n\nThe first file.\n");
        Files.writeString(folder.resolve("two.md"), "# Two\n\nThe second file.\n");

        Struct scan = call(knowledge, KnowledgeEndpoint.SCAN, Map.of("folder", folder.toString()));
        String scanId = scan.getFieldsMap().get("scan_id").getStringValue();
        Struct first = call(knowledge, KnowledgeEndpoint.INDEX, Map.of("scan_id", scanId, "position", 0));
        Struct second = call(knowledge, KnowledgeEndpoint.INDEX, Map.of("scan_id", scanId, "position", 1));
        Struct finish = call(knowledge, KnowledgeEndpoint.FINISH, Map.of("scan_id", scanId));

        assertThat(number(scan, "knowledge_sources_total")).isEqualTo(2);
        assertThat(number(scan, "knowledge_sources_done")).isZero();
        assertThat(number(first, "knowledge_sources_done")).isEqualTo(1);
        assertThat(number(first, "knowledge_chunks_done")).isEqualTo(1);
        assertThat(first.getFieldsMap()).containsKeys("knowledge_eta_ms", "knowledge_chunks_per_s", "knowledge_bytes_total");
        assertThat(first.getFieldsMap().get("knowledge_finished").getBoolValue()).isFalse();
        assertThat(number(second, "knowledge_sources_done")).isEqualTo(2);
        assertThat(number(finish, "knowledge_chunks_done")).isEqualTo(2);
        assertThat(number(finish, "knowledge_eta_ms")).isZero();
        assertThat(finish.getFieldsMap().get("knowledge_finished").getBoolValue()).isTrue();
    }

    private static double number(Struct outputs, String name) {
        assertThat(outputs.getFieldsMap()).containsKey(name);
        return outputs.getFieldsMap().get(name).getNumberValue();
    }

    @Test
    void questionIsRetrievedThenAnsweredWithItsSources() throws Exception {
        Path folder = Files.createDirectories(work.resolve("questions"));
        Files.writeString(folder.resolve("ports.md"), "# Ports\n\nHealth checks are served over HTTP on port 9080.\n");
        preload(folder);

        Struct retrieved = call(rag, RagEndpoint.RETRIEVE, Map.of("question", "Which port serves the health checks?"));
        assertThat(retrieved.getFieldsMap().get("found").getBoolValue()).isTrue();

        Struct answered = call(rag, RagEndpoint.ANSWER, Map.of("question", "Which port serves the health checks?",
                "retrieval_id", retrieved.getFieldsMap().get("retrieval_id").getStringValue()));
        assertThat(answered.getFieldsMap().get("answer").getStringValue()).contains("9080").contains("[1]");
        assertThat(answered.getFieldsMap().get("answer_method").getStringValue()).isEqualTo("EXTRACTIVE");
        assertThat(answered.getFieldsMap().get("sources").getStringValue()).contains("ports.md")
                .as("each source carries the passage people read beside the answer").contains("\"snippet\":\"# Ports Health checks are served");
    }

    @Test
    void unrelatedQuestionIsNotFoundAtRetrieval() throws Exception {
        Struct retrieved = call(rag, RagEndpoint.RETRIEVE, Map.of("question", "Who painted the Mona Lisa?"));

        assertThat(retrieved.getFieldsMap().get("found").getBoolValue()).isFalse();
        assertThat(retrieved.getFieldsMap().get("answer").getStringValue()).isEqualTo("Not found in the knowledge base.");
    }

    @Test
    void badInputsAreRefusedNamingTheInput() {
        assertThatThrownBy(() -> call(rag, RagEndpoint.RETRIEVE, Map.of("question", "?!?")))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.code()).isEqualTo(InvokeInputs.INVALID_INPUT);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("question").contains("no letters or digits");
                });
        assertThatThrownBy(() -> call(knowledge, KnowledgeEndpoint.SCAN, Map.of("folder", work.resolve("missing").toString())))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.getMessage()).contains("folder", "does not exist"));
        assertThatThrownBy(() -> call(knowledge, KnowledgeEndpoint.INDEX, Map.of("scan_id", "../../etc/passwd", "position", 0)))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.getMessage()).contains("scan_id", "no preload plan"));
    }

    /** What knowledge_preload does: scan, one index task per planned source, finish. */
    private static Struct preload(Path folder) throws Exception {
        Struct scan = call(knowledge, KnowledgeEndpoint.SCAN, Map.of("folder", folder.toString()));
        String scanId = scan.getFieldsMap().get("scan_id").getStringValue();
        for (int position = 0; position < scan.getFieldsMap().get("to_index").getNumberValue(); position++) {
            call(knowledge, KnowledgeEndpoint.INDEX, Map.of("scan_id", scanId, "position", position));
        }
        call(knowledge, KnowledgeEndpoint.FINISH, Map.of("scan_id", scanId));
        return scan;
    }

    private static Struct call(procos.pde.endpoint.Endpoint endpoint, String taskType, Map<String, Object> inputs)
            throws EndpointException {
        Struct.Builder struct = Struct.newBuilder();
        inputs.forEach((name, value) -> struct.putFields(name, value instanceof Number n
                ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
                : Value.newBuilder().setStringValue(value.toString()).build()));
        InvokeResponse response = endpoint.invoke(InvokeRequest.newBuilder().setTaskType(taskType).setInputs(struct).build(),
                Deadline.after(60, TimeUnit.SECONDS));
        return response.getOutputs();
    }
}
