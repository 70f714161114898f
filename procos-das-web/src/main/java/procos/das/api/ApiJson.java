package procos.das.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns the DAS's records into plain maps and lists with snake_case names and ISO-8601 times, which
 * the API's JSON-B provider then writes as they are — so the JSON is stable whatever the records'
 * Java shape, and polymorphic values (process description steps) keep their {@code type}.
 */
final class ApiJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private ApiJson() {
    }

    static Object plain(Object value) {
        return value == null ? null : MAPPER.convertValue(value, Object.class);
    }

    /** JSON text that has a format of its own, as plain maps and lists, names untouched. */
    static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
