package procos.das.vector.milvus;

import static procos.das.vector.ChunkFields.ID;
import static procos.das.vector.ChunkFields.METADATA;
import static procos.das.vector.ChunkFields.POSITION;
import static procos.das.vector.ChunkFields.SOURCE_ID;
import static procos.das.vector.ChunkFields.TEXT;
import static procos.das.vector.ChunkFields.VECTOR;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import procos.das.vector.Chunk;
import procos.das.vector.ChunkFields;

/**
 * How a chunk is laid out as a row of the collection, in both directions, and the length limits
 * the schema puts on its fields (checked before anything is sent, so a batch is refused whole).
 */
final class MilvusRows {

    /** Filled by the server's BM25 function from {@link ChunkFields#TEXT}; never sent by the client. */
    static final String TEXT_SPARSE = "text_sparse";

    static final int MAX_ID_BYTES = 512;
    static final int MAX_SOURCE_ID_BYTES = 2048;
    /** The largest VARCHAR Milvus allows. */
    static final int MAX_TEXT_BYTES = 65_535;

    static final List<String> OUTPUT_FIELDS = List.of(ID, SOURCE_ID, POSITION, TEXT, METADATA, VECTOR);

    private MilvusRows() {
    }

    /** @throws IllegalArgumentException naming the chunk and the field too long for the schema */
    static void checkFits(Chunk chunk) {
        checkLength(chunk, ID, chunk.id(), MAX_ID_BYTES);
        checkLength(chunk, SOURCE_ID, chunk.sourceId(), MAX_SOURCE_ID_BYTES);
        checkLength(chunk, TEXT, chunk.text(), MAX_TEXT_BYTES);
    }

    static JsonObject row(Chunk chunk) {
        JsonObject row = new JsonObject();
        row.addProperty(ID, chunk.id());
        row.addProperty(SOURCE_ID, chunk.sourceId());
        row.addProperty(POSITION, chunk.position());
        row.addProperty(TEXT, chunk.text());
        JsonObject metadata = new JsonObject();
        chunk.metadata().forEach(metadata::addProperty);
        row.add(METADATA, metadata);
        JsonArray vector = new JsonArray(chunk.vector().length);
        for (float component : chunk.vector()) {
            vector.add(component);
        }
        row.add(VECTOR, vector);
        return row;
    }

    /** The chunk in a query or search result entity holding {@link #OUTPUT_FIELDS}. */
    static Chunk chunk(Map<String, Object> entity) {
        return new Chunk((String) entity.get(ID), (String) entity.get(SOURCE_ID), ((Number) entity.get(POSITION)).intValue(),
                (String) entity.get(TEXT), vector(entity.get(VECTOR)), metadata(entity.get(METADATA)));
    }

    private static float[] vector(Object value) {
        List<?> components = (List<?>) value;
        float[] vector = new float[components.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = ((Number) components.get(i)).floatValue();
        }
        return vector;
    }

    /** The SDK returns JSON fields as Gson trees or as their text, depending on the call. */
    private static Map<String, String> metadata(Object value) {
        JsonElement json = value instanceof JsonElement element ? element
                : value == null ? new JsonObject() : JsonParser.parseString(value.toString());
        Map<String, String> metadata = new LinkedHashMap<>();
        json.getAsJsonObject().entrySet().forEach(entry -> metadata.put(entry.getKey(), entry.getValue().getAsString()));
        return metadata;
    }

    private static void checkLength(Chunk chunk, String field, String value, int maxBytes) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new IllegalArgumentException("chunk '" + chunk.id() + "': " + field + " is " + bytes
                    + " bytes of UTF-8, more than the " + maxBytes + " the Milvus collection allows");
        }
    }
}
