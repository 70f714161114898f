package procos.das.vector.milvus;

import static procos.das.vector.ChunkFields.ID;
import static procos.das.vector.ChunkFields.VECTOR;

import com.google.gson.JsonObject;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.utility.request.CompactReq;
import io.milvus.v2.service.vector.request.AnnSearchReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.HybridSearchReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.EmbeddedText;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.request.ranker.RRFRanker;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.vector.response.SearchResp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import procos.das.vector.Chunk;
import procos.das.vector.ChunkFields;
import procos.das.vector.ScoredChunk;
import procos.das.vector.SearchMode;
import procos.das.vector.VectorDimension;
import procos.das.vector.VectorQuery;
import procos.das.vector.VectorRepository;
import procos.das.vector.archive.ArchiveHeader;
import procos.das.vector.archive.ChunkArchiveReader;
import procos.das.vector.archive.ChunkArchiveWriter;
import procos.logging.StructuredLogger;

/**
 * {@link VectorRepository} on a Milvus collection (schema: {@link MilvusCollectionSchema}).
 *
 * <p><b>No transactions.</b> Milvus applies each request on its own, so the steps of one operation
 * are ordered to fail safe, not made atomic:
 * <ul>
 *   <li>{@link #replaceSource}: the new chunks are upserted first, then the source's chunks that are
 *       not among them are deleted. The source is never absent; while it runs a query may see old
 *       and new chunks side by side; if it fails between the steps, the stale chunks stay until the
 *       next replacement of that source, and nothing of the source is lost.</li>
 *   <li>{@link #importFrom}: the whole file is verified first, so a damaged file changes nothing;
 *       then the collection is emptied and loaded in batches. A server failure during loading
 *       leaves it partly loaded; importing the same file again completes it.</li>
 *   <li>{@link #exportTo}: pages through the collection; writes running at the same time may or may
 *       not be in the file, and the export fails (leaving no file) if the count changes under it.</li>
 * </ul>
 * A batch with an invalid chunk (dimension, field lengths) is refused before anything is sent.
 */
public final class MilvusVectorRepository implements VectorRepository {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("das.vector");
    private static final int WRITE_BATCH = 500;
    private static final int READ_BATCH = 1_000;
    private static final int HYBRID_OVERSAMPLING = 5;
    /** Milvus's limit on results per search. */
    private static final int MAX_TOP_K = 16_384;
    private static final String MATCH_ALL = ID + " != \"\"";

    private final MilvusClientV2 client;
    private final MilvusSettings settings;
    private final VectorDimension dimension;

    private MilvusVectorRepository(MilvusClientV2 client, MilvusSettings settings) {
        this.client = client;
        this.settings = settings;
        this.dimension = settings.dimension();
    }

    /**
     * Connects and makes sure the collection exists with this schema and dimension, and is loaded.
     *
     * @throws IllegalArgumentException if the collection exists with another vector dimension
     * @throws IllegalStateException    if the server cannot be reached or refuses
     */
    public static MilvusVectorRepository open(MilvusSettings settings) {
        ConnectConfig.ConnectConfigBuilder config = ConnectConfig.builder().uri(settings.uri()).dbName(settings.database());
        settings.token().ifPresent(config::token);
        MilvusClientV2 client = call(settings, "connect", () -> new MilvusClientV2(config.build()));
        MilvusVectorRepository repository = new MilvusVectorRepository(client, settings);
        try {
            repository.prepareCollection();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return repository;
    }

    @Override
    public void upsert(List<Chunk> chunks) {
        check(chunks);
        upsertChecked(chunks);
    }

    @Override
    public List<ScoredChunk> query(VectorQuery query) {
        dimension.checkQuery(query);
        String filter = MilvusExpressions.filter(query.filters());
        SearchResp response = query.mode() == SearchMode.HYBRID
                ? call("hybrid_search", () -> client.hybridSearch(hybridRequest(query, filter)))
                : call("search", () -> client.search(denseRequest(query, filter)));
        List<ScoredChunk> found = new ArrayList<>();
        for (SearchResp.SearchResult hit : response.getSearchResults().get(0)) {
            found.add(new ScoredChunk(MilvusRows.chunk(hit.getEntity()), hit.getScore()));
        }
        return found;
    }

    @Override
    public void replaceSource(String sourceId, List<Chunk> chunks) {
        ChunkFields.requireAllOfSource(sourceId, chunks);
        check(chunks);
        upsertChecked(chunks);
        List<String> kept = chunks.stream().map(Chunk::id).toList();
        call("replace_source", () -> client.delete(DeleteReq.builder().collectionName(settings.collection())
                .filter(MilvusExpressions.staleChunksOf(sourceId, kept)).build()));
    }

    @Override
    public void delete(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        call("delete", () -> client.delete(DeleteReq.builder().collectionName(settings.collection())
                .ids(new ArrayList<>(ids)).build()));
    }

    /** Counts, then deletes: the count is exact unless another writer changes the source in between. */
    @Override
    public long deleteBySource(String sourceId) {
        String filter = MilvusExpressions.sourceIs(sourceId);
        long present = count(filter);
        if (present > 0) {
            call("delete_by_source", () -> client.delete(DeleteReq.builder().collectionName(settings.collection())
                    .filter(filter).build()));
        }
        return present;
    }

    /** Asks Milvus to compact the collection; Milvus does it in the background and returns at once. */
    @Override
    public void compact() {
        call("compact", () -> client.compact(CompactReq.builder().collectionName(settings.collection()).build()));
    }

    @Override
    public long count() {
        return count("");
    }

    @Override
    public void exportTo(Path file) throws IOException {
        long count = count();
        QueryIterator pages = call("export", () -> client.queryIterator(QueryIteratorReq.builder()
                .collectionName(settings.collection())
                .outputFields(MilvusRows.OUTPUT_FIELDS)
                .batchSize(READ_BATCH)
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build()));
        try (ChunkArchiveWriter archive = ChunkArchiveWriter.create(file, dimension, count)) {
            for (List<QueryResultsWrapper.RowRecord> page = pages.next(); !page.isEmpty(); page = pages.next()) {
                for (QueryResultsWrapper.RowRecord row : page) {
                    archive.write(MilvusRows.chunk(row.getFieldValues()));
                }
            }
            archive.finish();
        } catch (IllegalStateException e) {
            throw new IOException("collection " + settings.collection() + " changed during the export; nothing was written: "
                    + e.getMessage(), e);
        } finally {
            pages.close();
        }
        LOG.info("vector_export_done").with("collection", settings.collection()).with("file", file.toString())
                .with("chunks", count).log();
    }

    @Override
    public void importFrom(Path file) throws IOException {
        ArchiveHeader header = ChunkArchiveReader.verify(file, dimension);
        call("import", () -> client.delete(DeleteReq.builder().collectionName(settings.collection()).filter(MATCH_ALL).build()));
        ChunkArchiveReader.read(file, WRITE_BATCH, this::upsert);
        LOG.info("vector_import_done").with("collection", settings.collection()).with("file", file.toString())
                .with("chunks", header.count()).log();
    }

    /** Removes the collection and everything in it; for tests and for operators starting over. */
    public void dropCollection() {
        call("drop_collection", () -> {
            client.dropCollection(DropCollectionReq.builder().collectionName(settings.collection()).build());
            return null;
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private void prepareCollection() {
        boolean exists = call("has_collection", () -> client.hasCollection(
                HasCollectionReq.builder().collectionName(settings.collection()).build()));
        if (exists) {
            checkExistingDimension();
        } else {
            call("create_collection", () -> {
                client.createCollection(MilvusCollectionSchema.createRequest(settings));
                return null;
            });
            LOG.info("vector_collection_created").with("collection", settings.collection())
                    .with("dimension", dimension.value()).log();
        }
        call("load_collection", () -> {
            client.loadCollection(LoadCollectionReq.builder().collectionName(settings.collection()).build());
            return null;
        });
    }

    private void checkExistingDimension() {
        CreateCollectionReq.CollectionSchema schema = call("describe_collection", () -> client.describeCollection(
                DescribeCollectionReq.builder().collectionName(settings.collection()).build())).getCollectionSchema();
        CreateCollectionReq.FieldSchema vector = schema.getField(VECTOR);
        if (vector == null || schema.getField(MilvusRows.TEXT_SPARSE) == null) {
            throw new IllegalArgumentException("Milvus collection " + settings.collection()
                    + " exists but was not created by ProcOS (no '" + VECTOR + "' and '" + MilvusRows.TEXT_SPARSE + "' fields)");
        }
        if (vector.getDimension() != dimension.value()) {
            throw new IllegalArgumentException("Milvus collection " + settings.collection() + " holds vectors of dimension "
                    + vector.getDimension() + " but dimension " + dimension.value() + " was asked for");
        }
    }

    private void check(List<Chunk> chunks) {
        dimension.checkAll(chunks);
        chunks.forEach(MilvusRows::checkFits);
    }

    private void upsertChecked(List<Chunk> chunks) {
        for (int from = 0; from < chunks.size(); from += WRITE_BATCH) {
            List<JsonObject> rows = chunks.subList(from, Math.min(from + WRITE_BATCH, chunks.size())).stream()
                    .map(MilvusRows::row).toList();
            call("upsert", () -> client.upsert(UpsertReq.builder().collectionName(settings.collection()).data(rows).build()));
        }
    }

    private long count(String filter) {
        List<QueryResp.QueryResult> result = call("count", () -> client.query(
                QueryReq.builder().collectionName(settings.collection()).filter(filter)
                        .outputFields(List.of("count(*)")).consistencyLevel(ConsistencyLevel.STRONG).build()))
                .getQueryResults();
        return ((Number) result.get(0).getEntity().get("count(*)")).longValue();
    }

    private SearchReq denseRequest(VectorQuery query, String filter) {
        return SearchReq.builder()
                .collectionName(settings.collection())
                .annsField(VECTOR)
                .data(List.of(new FloatVec(query.vector())))
                .limit(query.k())
                .filter(filter)
                .searchParams(Map.of("ef", Math.max(settings.searchEf(), query.k())))
                .outputFields(MilvusRows.OUTPUT_FIELDS)
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build();
    }

    /** Dense and BM25 rankings fused on the server by RRF with the same k = 60 the embedded store uses. */
    private HybridSearchReq hybridRequest(VectorQuery query, String filter) {
        List<AnnSearchReq> rankings = new ArrayList<>();
        rankings.add(ranking(VECTOR, new FloatVec(query.vector()), query, filter,
                "{\"ef\": " + Math.max(settings.searchEf(), query.k()) + "}"));
        if (!query.text().isBlank()) {
            rankings.add(ranking(MilvusRows.TEXT_SPARSE, new EmbeddedText(query.text()), query, filter, "{}"));
        }
        return HybridSearchReq.builder()
                .collectionName(settings.collection())
                .searchRequests(rankings)
                .ranker(RRFRanker.builder().k(60).build())
                .limit(query.k())
                .outFields(MilvusRows.OUTPUT_FIELDS)
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build();
    }

    /** One ranking for fusion, oversampled as the embedded store does so that fusion has candidates to work with. */
    private static AnnSearchReq ranking(String field, BaseVector vector, VectorQuery query, String filter, String params) {
        return AnnSearchReq.builder()
                .vectorFieldName(field)
                .vectors(List.of(vector))
                .limit(Math.min((long) query.k() * HYBRID_OVERSAMPLING, MAX_TOP_K))
                .filter(filter)
                .params(params)
                .build();
    }

    private <T> T call(String operation, Supplier<T> call) {
        return call(settings, operation, call);
    }

    /** Milvus failures, named by collection and operation; the SDK's own message says why. */
    private static <T> T call(MilvusSettings settings, String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalStateException("Milvus collection " + settings.collection() + " at " + settings.uri() + ": "
                    + operation + " failed: " + e.getMessage(), e);
        }
    }
}
