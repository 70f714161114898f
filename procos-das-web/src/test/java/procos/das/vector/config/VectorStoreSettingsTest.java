package procos.das.vector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.das.vector.VectorRepository;
import procos.das.vector.lucene.LuceneVectorRepository;
import procos.das.vector.milvus.MilvusSettings;
import procos.kernel.config.ConfigProblem;
import procos.kernel.config.InvalidSettingsException;

class VectorStoreSettingsTest {

    @TempDir
    Path temp;

    @Test
    void withNothingSetTheEmbeddedIndexRunsBesideTheEngineDatabase() throws Exception {
        VectorStoreSettings settings = read(Map.of());

        assertThat(settings.kind()).isEqualTo(VectorStoreKind.EMBEDDED);
        assertThat(settings.embedded().orElseThrow().directory()).isEqualTo(Path.of("data/vectors").toAbsolutePath());
        assertThat(settings.embedded().orElseThrow().dimension().value()).isEqualTo(384);
        assertThat(settings.embedded().orElseThrow().oversampling()).isEqualTo(5);
    }

    @Test
    void aMilvusAddressAloneSelectsMilvusWithDefaults() throws Exception {
        VectorStoreSettings settings = read(Map.of("procos.milvus.uri", "http://milvus:19530"));

        MilvusSettings milvus = settings.milvus().orElseThrow();
        assertThat(settings.kind()).isEqualTo(VectorStoreKind.MILVUS);
        assertThat(milvus.uri()).isEqualTo("http://milvus:19530");
        assertThat(milvus.token()).isEmpty();
        assertThat(milvus.database()).isEqualTo("default");
        assertThat(milvus.collection()).isEqualTo("procos_chunks");
        assertThat(milvus.hnswM()).isEqualTo(16);
    }

    @Test
    void anExplicitStoreWinsOverTheMilvusAddress() throws Exception {
        VectorStoreSettings settings = read(Map.of("procos.milvus.uri", "http://milvus:19530", "procos.vector.store", "Embedded",
                "procos.vector.dir", temp.toString(), "procos.vector.dimension", "768"));

        assertThat(settings.kind()).isEqualTo(VectorStoreKind.EMBEDDED);
        assertThat(settings.embedded().orElseThrow().directory()).isEqualTo(temp);
        assertThat(settings.embedded().orElseThrow().dimension().value()).isEqualTo(768);
    }

    @Test
    void everyMilvusSettingIsRead() throws Exception {
        VectorStoreSettings settings = read(Map.of("procos.vector.store", "milvus", "procos.milvus.uri", "https://cloud.example:443",
                "procos.milvus.token", "user:secret", "procos.milvus.db", "knowledge", "procos.milvus.collection", "chunks_v2",
                "procos.milvus.hnsw-m", "32", "procos.milvus.hnsw-ef-construction", "400", "procos.milvus.search-ef", "128"));

        MilvusSettings milvus = settings.milvus().orElseThrow();
        assertThat(milvus.token()).contains("user:secret");
        assertThat(milvus.database()).isEqualTo("knowledge");
        assertThat(milvus.collection()).isEqualTo("chunks_v2");
        assertThat(milvus.hnswM()).isEqualTo(32);
        assertThat(milvus.hnswEfConstruction()).isEqualTo(400);
        assertThat(milvus.searchEf()).isEqualTo(128);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "procos.vector.store=lucene            | procos.vector.store",
        "procos.vector.dimension=0             | procos.vector.dimension",
        "procos.vector.dimension=many          | procos.vector.dimension",
        "procos.vector.oversampling=0          | procos.vector.oversampling",
        "procos.vector.dir=bad\u0000path       | procos.vector.dir",
    })
    void aBadEmbeddedSettingIsNamed(String assignment, String setting) {
        assertThat(problems(Map.of(assignment.split("=", 2)[0], assignment.split("=", 2)[1])))
                .extracting(ConfigProblem::setting).containsExactly(setting);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "procos.milvus.uri=milvus:19530        | procos.milvus.uri",
        "procos.milvus.uri=ftp://milvus:19530  | procos.milvus.uri",
        "procos.milvus.collection=my-chunks    | procos.milvus.collection",
        "procos.milvus.db=1st                  | procos.milvus.db",
        "procos.milvus.hnsw-m=1                | procos.milvus.hnsw-m",
        "procos.milvus.search-ef=x             | procos.milvus.search-ef",
    })
    void aBadMilvusSettingIsNamed(String assignment, String setting) {
        Map<String, String> values = new HashMap<>(Map.of("procos.vector.store", "milvus", "procos.milvus.uri", "http://milvus:19530"));
        values.put(assignment.split("=", 2)[0], assignment.split("=", 2)[1]);

        assertThat(problems(values)).extracting(ConfigProblem::setting).containsExactly(setting);
    }

    @Test
    void milvusWithoutAnAddressIsRefusedAlongWithEveryOtherProblem() {
        assertThat(problems(Map.of("procos.vector.store", "milvus", "procos.milvus.collection", "a b", "procos.vector.dimension", "-1")))
                .extracting(ConfigProblem::setting)
                .containsExactlyInAnyOrder("procos.milvus.uri", "procos.milvus.collection", "procos.vector.dimension");
    }

    @Test
    void theSelectedEmbeddedStoreOpens() throws Exception {
        VectorStoreSettings settings = read(Map.of("procos.vector.dir", temp.resolve("vectors").toString(), "procos.vector.dimension", "8"));

        try (VectorRepository repository = settings.open()) {
            assertThat(repository).isInstanceOf(LuceneVectorRepository.class);
            assertThat(repository.count()).isZero();
        }
        assertThat(temp.resolve("vectors")).isDirectory();
    }

    private static VectorStoreSettings read(Map<String, String> values) throws InvalidSettingsException {
        return VectorStoreSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    private static List<ConfigProblem> problems(Map<String, String> values) {
        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class, () -> read(values));
        assertThat(refused).isNotNull();
        return refused.problems();
    }
}
