package procos.das.vector.lucene;

import static procos.das.vector.ChunkFields.ID;
import static procos.das.vector.ChunkFields.POSITION;
import static procos.das.vector.ChunkFields.SOURCE_ID;
import static procos.das.vector.ChunkFields.TEXT;
import static procos.das.vector.ChunkFields.VECTOR;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import procos.das.vector.Chunk;

/**
 * How a chunk is laid out as a Lucene document, in both directions. Metadata fields carry a prefix
 * so that a metadata key can never collide with the chunk's own fields.
 */
final class ChunkDocument {

    static final String METADATA_PREFIX = "meta.";

    private ChunkDocument() {
    }

    static Document of(Chunk chunk) {
        Document document = new Document();
        document.add(new StringField(ID, chunk.id(), Field.Store.YES));
        document.add(new StringField(SOURCE_ID, chunk.sourceId(), Field.Store.YES));
        document.add(new StoredField(POSITION, chunk.position()));
        document.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        document.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.COSINE));
        chunk.metadata().forEach((key, value) ->
                document.add(new StringField(METADATA_PREFIX + key, value, Field.Store.YES)));
        return document;
    }

    /**
     * The chunk stored as document {@code doc} of {@code leaf}; the vector comes from the vector
     * index itself, so it is stored once.
     */
    static Chunk read(LeafReader leaf, int doc) throws IOException {
        Document document = leaf.storedFields().document(doc);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (IndexableField field : document.getFields()) {
            if (field.name().startsWith(METADATA_PREFIX)) {
                metadata.put(field.name().substring(METADATA_PREFIX.length()), field.stringValue());
            }
        }
        return new Chunk(document.get(ID), document.get(SOURCE_ID), document.getField(POSITION).numericValue().intValue(),
                document.get(TEXT), vector(leaf, doc), metadata);
    }

    static Term idTerm(String id) {
        return new Term(ID, id);
    }

    static Term sourceTerm(String sourceId) {
        return new Term(SOURCE_ID, sourceId);
    }

    /** Every filter as an exact term that must match, or null when there are none. */
    static Query filter(Map<String, String> filters) {
        if (filters.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        filters.forEach((key, value) -> {
            String field = SOURCE_ID.equals(key) ? SOURCE_ID : METADATA_PREFIX + key;
            all.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        });
        return all.build();
    }

    private static float[] vector(LeafReader leaf, int doc) throws IOException {
        FloatVectorValues values = leaf.getFloatVectorValues(VECTOR);
        if (values == null || values.advance(doc) != doc) {
            throw new IOException("document " + doc + " of segment " + leaf + " has no vector; the index is damaged");
        }
        // The values object may reuse its array for the next document.
        return values.vectorValue().clone();
    }
}
