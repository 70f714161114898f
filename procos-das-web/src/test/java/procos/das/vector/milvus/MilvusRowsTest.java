package procos.das.vector.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import procos.das.vector.Chunk;

class MilvusRowsTest {

    private final Chunk chunk = new Chunk("doc#3", "doc", 3, "Payment is due in 30 days.", new float[] {0.25f, -1f, 3.5f},
            Map.of("heading", "Terms", "lang", "en"));

    @Test
    void aChunkSurvivesTheTripThroughARow() {
        JsonObject row = MilvusRows.row(chunk);

        // What the SDK hands back: field values as Java objects, JSON as a Gson tree, vectors as float lists.
        Map<String, Object> entity = new HashMap<>();
        entity.put("id", row.get("id").getAsString());
        entity.put("source_id", row.get("source_id").getAsString());
        entity.put("position", row.get("position").getAsInt());
        entity.put("text", row.get("text").getAsString());
        entity.put("metadata", row.get("metadata"));
        entity.put("vector", List.of(0.25f, -1f, 3.5f));

        assertThat(MilvusRows.chunk(entity)).isEqualTo(chunk);
        assertThat(row.has("text_sparse")).isFalse();
    }

    @Test
    void metadataReturnedAsJsonTextIsReadToo() {
        Map<String, Object> entity = new HashMap<>(Map.of("id", "a", "source_id", "s", "position", 0L, "text", "t",
                "vector", List.of(1.0, 0.0)));
        entity.put("metadata", new Gson().toJson(Map.of("lang", "de")));

        assertThat(MilvusRows.chunk(entity).metadata()).isEqualTo(Map.of("lang", "de"));
    }

    @Test
    void aTextLongerThanTheSchemaAllowsIsRefusedNamingTheChunk() {
        Chunk huge = new Chunk("big", "s", 0, "é".repeat(40_000), new float[] {1f}, Map.of());

        assertThatThrownBy(() -> MilvusRows.checkFits(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk 'big'").hasMessageContaining("text").hasMessageContaining("80000 bytes");
    }
}
