package procos.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.logging.CapturedLog.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLineSchemaTest {

    private static final List<String> FIXED_KEYS = List.of(
            "ts", "level", "component", "event", "correlation_id", "process_instance_id",
            "peo_id", "pde_id", "duration_ms");

    private static final StructuredLogger LOG = StructuredLogger.forComponent("schema-test");

    @Test
    void everyLineIsOneJsonObjectWithAllFixedKeysInOrderEvenWhenUnknown() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("kernel_ready").log();

            JsonNode line = log.single();
            assertThat(line.isObject()).isTrue();
            assertThat(keys(line)).containsExactlyElementsOf(FIXED_KEYS);
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("component").asText()).isEqualTo("schema-test");
            assertThat(line.get("event").asText()).isEqualTo("kernel_ready");
            for (String id : List.of("correlation_id", "process_instance_id", "peo_id", "pde_id", "duration_ms")) {
                assertThat(line.get(id).isNull()).as(id).isTrue();
            }
        }
    }

    @Test
    void extraFieldsFollowTheFixedKeysInTheOrderTheyWereAdded() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("deployed").with("zeta", 1).with("alpha", "a").with(Map.of("mid", true)).log();

            assertThat(keys(log.single())).containsExactlyElementsOf(
                    concat(FIXED_KEYS, List.of("zeta", "alpha", "mid")));
        }
    }

    @Test
    void timestampIsAUtcInstantWithMillisecondPrecision() {
        try (CapturedLog log = new CapturedLog()) {
            Instant before = Instant.now().minusMillis(1);
            LOG.info("tick").log();
            Instant after = Instant.now().plusMillis(1);

            String ts = log.single().get("ts").asText();
            assertThat(ts).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(Instant.parse(ts)).isBetween(before, after);
        }
    }

    @Test
    void eachLevelIsWrittenByName() {
        try (CapturedLog log = new CapturedLog(); ThresholdOverride all = StructuredLogger.useThreshold(LogLevel.DEBUG)) {
            LOG.debug("e").log();
            LOG.info("e").log();
            LOG.warn("e").log();
            LOG.error("e").log();
            LOG.at(LogLevel.WARN, "e").log();

            assertThat(log.events()).extracting(line -> line.get("level").asText())
                    .containsExactly("DEBUG", "INFO", "WARN", "ERROR", "WARN");
        }
    }

    @Test
    void fieldValuesKeepTheirJsonTypes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("n", 2.5);
        nested.put("flags", List.of(true, false));
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("typed")
                    .with("count", 3)
                    .with("big", 12_345_678_901L)
                    .with("ok", true)
                    .with("name", "order-7")
                    .with("nothing", null)
                    .with("items", List.of("a", 1))
                    .with("nested", nested)
                    .with("level_enum", LogLevel.WARN)
                    .with("object", new Object() {
                        @Override
                        public String toString() {
                            return "custom-object";
                        }
                    })
                    .log();

            JsonNode line = log.single();
            assertThat(line.get("count").isInt()).isTrue();
            assertThat(line.get("big").asLong()).isEqualTo(12_345_678_901L);
            assertThat(line.get("ok").isBoolean()).isTrue();
            assertThat(line.get("name").asText()).isEqualTo("order-7");
            assertThat(line.has("nothing")).isTrue();
            assertThat(line.get("nothing").isNull()).isTrue();
            assertThat(line.get("items").toString()).isEqualTo("[\"a\",1]");
            assertThat(line.get("nested").toString()).isEqualTo("{\"n\":2.5,\"flags\":[true,false]}");
            assertThat(line.get("level_enum").asText()).isEqualTo("WARN");
            assertThat(line.get("object").asText()).isEqualTo("custom-object");
        }
    }

    @Test
    void anExtraFieldNamedLikeAFixedKeyCannotOverwriteTheSchema() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("real_event").with("event", "fake").with("level", "ERROR").log();

            JsonNode line = log.single();
            assertThat(line.get("event").asText()).isEqualTo("real_event");
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("x_event").asText()).isEqualTo("fake");
            assertThat(line.get("x_level").asText()).isEqualTo("ERROR");
        }
    }

    @Test
    void valuesContainingLineBreaksStillProduceExactlyOneLine() {
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("multiline").with("text", "first\nsecond\r\nthird").log();

            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).doesNotContain("\n").doesNotContain("\r");
            assertThat(log.single().get("text").asText()).isEqualTo("first\nsecond\r\nthird");
        }
    }

    @Test
    void aSelfContainingFieldValueIsCutOffInsteadOfFailing() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        try (CapturedLog log = new CapturedLog()) {
            LOG.info("cyclic").with("data", cyclic).log();

            assertThat(log.single().get("data").toString()).contains(JsonSafeValues.TOO_DEEP);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
