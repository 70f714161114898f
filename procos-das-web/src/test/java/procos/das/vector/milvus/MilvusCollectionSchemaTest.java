package procos.das.vector.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.common.clientenum.FunctionType;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import procos.das.vector.VectorDimension;

class MilvusCollectionSchemaTest {

    private static final MilvusSettings SETTINGS = new MilvusSettings("http://milvus:19530", Optional.empty(), "default",
            "chunks", new VectorDimension(384), 24, 300, 64);

    @Test
    void theSchemaHoldsEveryChunkFieldWithAStringPrimaryKey() {
        CreateCollectionReq.CollectionSchema schema = MilvusCollectionSchema.schema(SETTINGS);

        assertThat(schema.getFieldSchemaList()).extracting(CreateCollectionReq.FieldSchema::getName)
                .containsExactly("id", "source_id", "position", "text", "metadata", "vector", "text_sparse");
        assertThat(schema.getField("id").getIsPrimaryKey()).isTrue();
        assertThat(schema.getField("id").getAutoID()).isFalse();
        assertThat(schema.getField("id").getDataType()).isEqualTo(DataType.VarChar);
        assertThat(schema.getField("metadata").getDataType()).isEqualTo(DataType.JSON);
        assertThat(schema.getField("vector").getDataType()).isEqualTo(DataType.FloatVector);
        assertThat(schema.getField("vector").getDimension()).isEqualTo(384);
        assertThat(schema.getField("text").getEnableAnalyzer()).isTrue();
        assertThat(schema.getField("text").getMaxLength()).isEqualTo(65_535);
    }

    @Test
    void bm25IsComputedByTheServerFromTheText() {
        CreateCollectionReq.Function bm25 = MilvusCollectionSchema.schema(SETTINGS).getFunctionList().get(0);

        assertThat(bm25.getFunctionType()).isEqualTo(FunctionType.BM25);
        assertThat(bm25.getInputFieldNames()).containsExactly("text");
        assertThat(bm25.getOutputFieldNames()).containsExactly("text_sparse");
    }

    @Test
    void theVectorIsIndexedByHnswWithCosineAndTheConfiguredParameters() {
        List<IndexParam> indexes = MilvusCollectionSchema.indexes(SETTINGS);

        IndexParam vector = indexes.stream().filter(index -> index.getFieldName().equals("vector")).findFirst().orElseThrow();
        assertThat(vector.getIndexType()).isEqualTo(IndexParam.IndexType.HNSW);
        assertThat(vector.getMetricType()).isEqualTo(IndexParam.MetricType.COSINE);
        assertThat(vector.getExtraParams()).isEqualTo(Map.of("M", 24, "efConstruction", 300));
        assertThat(indexes).extracting(IndexParam::getFieldName).contains("text_sparse", "source_id");
    }

    @Test
    void theCollectionIsStronglyConsistentSoWritesAreVisibleWhenTheyReturn() {
        CreateCollectionReq request = MilvusCollectionSchema.createRequest(SETTINGS);

        assertThat(request.getCollectionName()).isEqualTo("chunks");
        assertThat(request.getConsistencyLevel()).isEqualTo(ConsistencyLevel.STRONG);
    }

    @Test
    void collectionNamesMilvusWouldRefuseAreRefusedHere() {
        assertThatThrownBy(() -> SETTINGS.withCollection("knowledge-base"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collection name 'knowledge-base'");
    }
}
