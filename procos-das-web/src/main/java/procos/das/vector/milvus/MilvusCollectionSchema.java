package procos.das.vector.milvus;

import static procos.das.vector.ChunkFields.ID;
import static procos.das.vector.ChunkFields.METADATA;
import static procos.das.vector.ChunkFields.POSITION;
import static procos.das.vector.ChunkFields.SOURCE_ID;
import static procos.das.vector.ChunkFields.TEXT;
import static procos.das.vector.ChunkFields.VECTOR;

import io.milvus.common.clientenum.FunctionType;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.List;
import java.util.Map;

/**
 * The collection this adapter creates: one row per chunk, with
 * <ul>
 *   <li>{@code id} VARCHAR primary key, {@code source_id} VARCHAR (inverted index, for filters and
 *       source replacement), {@code position} INT32, {@code metadata} JSON (filtered by key);</li>
 *   <li>{@code text} VARCHAR with Milvus's analyzer enabled, turned by a server-side BM25 function
 *       into the sparse vector {@code text_sparse}, so keyword ranking needs nothing from the client;</li>
 *   <li>{@code vector} FLOAT_VECTOR, HNSW with the cosine metric.</li>
 * </ul>
 * Strong consistency: a search sees every write that returned before it, which the contract
 * ("visible to queries when this returns") needs.
 */
final class MilvusCollectionSchema {

    static final String BM25_FUNCTION = "text_bm25";

    private MilvusCollectionSchema() {
    }

    static CreateCollectionReq createRequest(MilvusSettings settings) {
        return CreateCollectionReq.builder()
                .databaseName(settings.database())
                .collectionName(settings.collection())
                .description("ProcOS knowledge chunks")
                .collectionSchema(schema(settings))
                .indexParams(indexes(settings))
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build();
    }

    static CreateCollectionReq.CollectionSchema schema(MilvusSettings settings) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder().build();
        schema.addField(AddFieldReq.builder().fieldName(ID).dataType(DataType.VarChar)
                .maxLength(MilvusRows.MAX_ID_BYTES).isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName(SOURCE_ID).dataType(DataType.VarChar)
                .maxLength(MilvusRows.MAX_SOURCE_ID_BYTES).build());
        schema.addField(AddFieldReq.builder().fieldName(POSITION).dataType(DataType.Int32).build());
        schema.addField(AddFieldReq.builder().fieldName(TEXT).dataType(DataType.VarChar)
                .maxLength(MilvusRows.MAX_TEXT_BYTES).enableAnalyzer(true).build());
        schema.addField(AddFieldReq.builder().fieldName(METADATA).dataType(DataType.JSON).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector)
                .dimension(settings.dimension().value()).build());
        schema.addField(AddFieldReq.builder().fieldName(MilvusRows.TEXT_SPARSE).dataType(DataType.SparseFloatVector).build());
        schema.addFunction(CreateCollectionReq.Function.builder()
                .name(BM25_FUNCTION)
                .functionType(FunctionType.BM25)
                .inputFieldNames(List.of(TEXT))
                .outputFieldNames(List.of(MilvusRows.TEXT_SPARSE))
                .build());
        return schema;
    }

    static List<IndexParam> indexes(MilvusSettings settings) {
        return List.of(
                IndexParam.builder().fieldName(VECTOR)
                        .indexType(IndexParam.IndexType.HNSW)
                        .metricType(IndexParam.MetricType.COSINE)
                        .extraParams(Map.of("M", settings.hnswM(), "efConstruction", settings.hnswEfConstruction()))
                        .build(),
                IndexParam.builder().fieldName(MilvusRows.TEXT_SPARSE)
                        .indexType(IndexParam.IndexType.SPARSE_INVERTED_INDEX)
                        .metricType(IndexParam.MetricType.BM25)
                        .build(),
                IndexParam.builder().fieldName(SOURCE_ID)
                        .indexType(IndexParam.IndexType.INVERTED)
                        .build());
    }
}
