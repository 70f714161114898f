package procos.pde.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.Optional;

/** Reads text that ought to be JSON (a response body, a model's answer) into a protobuf value for task outputs. */
public final class JsonText {

    /**
     * Judges validity. Protobuf's own parser is lenient (it reads {@code Sure!} as a string), which
     * would pass prose off as JSON; this one refuses anything but one complete JSON value.
     */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /** The parsed value, or empty when {@code text} is not valid JSON. */
    public static Optional<Value> parse(String text) {
        try {
            JsonNode tree = STRICT.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                return Optional.empty();
            }
            Value.Builder value = Value.newBuilder();
            JsonFormat.parser().merge(text, value);
            return Optional.of(value.build());
        } catch (JsonProcessingException | InvalidProtocolBufferException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
