package procos.das.vector.milvus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import procos.das.vector.TestChunks;
import procos.das.vector.VectorDimension;
import procos.das.vector.VectorRepository;
import procos.das.vector.VectorRepositoryContract;

/**
 * The Milvus adapter against the contract, on a real server named by {@code PROCOS_MILVUS_URI}
 * (and {@code PROCOS_MILVUS_TOKEN}); each test gets its own collection, dropped afterwards.
 */
class MilvusVectorRepositoryTest extends VectorRepositoryContract {

    private static final String URI = System.getenv("PROCOS_MILVUS_URI");

    private final String collection = "procos_test_" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected VectorRepository open() {
        // Checked here, where each test first needs the server, so that every test is reported skipped with the reason.
        assumeTrue(serverGiven(),
                "no Milvus server: set PROCOS_MILVUS_URI (e.g. http://localhost:19530) to run the Milvus contract tests");
        return MilvusVectorRepository.open(new MilvusSettings(URI, Optional.ofNullable(System.getenv("PROCOS_MILVUS_TOKEN")),
                MilvusSettings.DEFAULT_DATABASE, collection, new VectorDimension(TestChunks.DIMENSION),
                MilvusSettings.DEFAULT_HNSW_M, MilvusSettings.DEFAULT_HNSW_EF_CONSTRUCTION, MilvusSettings.DEFAULT_SEARCH_EF));
    }

    @AfterEach
    void dropCollection() {
        if (!serverGiven()) {
            return;
        }
        try (MilvusVectorRepository cleanup = (MilvusVectorRepository) open()) {
            cleanup.dropCollection();
        }
    }

    private static boolean serverGiven() {
        return URI != null && !URI.isBlank();
    }
}
