package procos.pde.endpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a task value as compact JSON for another program (an HTTP body, a script's standard input)
 * or a person (a value quoted in a message). Struct numbers are all doubles, and protobuf's own
 * printer writes {@code 1} as {@code 1.0}, which APIs with integer fields may refuse and scripts
 * would read as a float; here a whole number within the exact range of a double is written without
 * a fraction.
 */
public final class JsonBody {

    /** Largest magnitude up to which every whole double is exact (2^53). */
    private static final double EXACT = 9_007_199_254_740_992d;
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBody() {
    }

    /** {@code value} as compact JSON text, e.g. to show it in a message. */
    public static String text(Value value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    public static byte[] write(Value value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, Value value) throws IOException {
        switch (value.getKindCase()) {
            case STRUCT_VALUE -> {
                generator.writeStartObject();
                for (Map.Entry<String, Value> field : value.getStructValue().getFieldsMap().entrySet()) {
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case LIST_VALUE -> {
                generator.writeStartArray();
                for (Value item : value.getListValue().getValuesList()) {
                    write(generator, item);
                }
                generator.writeEndArray();
            }
            case STRING_VALUE -> generator.writeString(value.getStringValue());
            case BOOL_VALUE -> generator.writeBoolean(value.getBoolValue());
            case NUMBER_VALUE -> {
                double number = value.getNumberValue();
                if (number == Math.rint(number) && Math.abs(number) <= EXACT) {
                    generator.writeNumber((long) number);
                } else {
                    generator.writeNumber(number);
                }
            }
            default -> generator.writeNull();
        }
    }
}
