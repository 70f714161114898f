package procos.pde.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.Optional;

/**
 * Reads text that should be one JSON value, strictly. Protobuf's own parser is lenient (it takes
 * {@code Done!} for the string "Done!"), so text is first checked by Jackson, which accepts only
 * real JSON and nothing after it, and then converted by protobuf.
 */
public final class JsonText {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /** The value {@code text} holds, or empty if it is not exactly one JSON value. */
    public static Optional<Value> parse(String text) {
        try {
            if (STRICT.readTree(text).isMissingNode()) {
                return Optional.empty(); // blank text holds no value
            }
            Value.Builder value = Value.newBuilder();
            JsonFormat.parser().merge(text, value);
            return Optional.of(value.build());
        } catch (JsonProcessingException | InvalidProtocolBufferException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
