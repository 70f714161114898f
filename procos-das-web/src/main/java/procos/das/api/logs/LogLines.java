package procos.das.api.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Optional;

/** One line of the structured log as its JSON object, fields in the order written; anything else is not an entry. */
final class LogLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private LogLines() {
    }

    static Optional<LinkedHashMap<String, Object>> parse(byte[] bytes, int from, int to) {
        int start = from;
        while (start < to && Character.isWhitespace(bytes[start])) {
            start++;
        }
        if (start >= to || bytes[start] != '{') {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(bytes, start, to - start, OBJECT));
        } catch (IOException e) {
            // A line cut short (the writer died mid-line) or a foreign line: not an entry.
            return Optional.empty();
        }
    }

    static String write(Object entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed log entry could not be written back: " + e.getMessage(), e);
        }
    }
}
