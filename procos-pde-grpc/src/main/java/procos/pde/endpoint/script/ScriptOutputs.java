package procos.pde.endpoint.script;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.JsonText;

/**
 * Turns what a script printed into the task's outputs, as input {@code output} asks: {@code json}
 * (the default) reads stdout as one JSON value, an object's fields becoming the outputs and any
 * other value the output {@code result}, nothing at all meaning no outputs; {@code text} returns
 * stdout as it is under {@code stdout}. Stdout that is not JSON when JSON was asked for is an error
 * rather than a silent fall-back to text, since the process would then miss the outputs it expects.
 */
final class ScriptOutputs {

    static final String OUTPUT = "output";

    /** How much of a non-JSON stdout an error message quotes. */
    private static final int SHOWN = 200;

    enum Format { JSON, TEXT }

    private ScriptOutputs() {
    }

    static Format format(Optional<String> name) throws EndpointException {
        if (name.isEmpty()) {
            return Format.JSON;
        }
        return switch (name.get().strip().toLowerCase(Locale.ROOT)) {
            case "json" -> Format.JSON;
            case "text" -> Format.TEXT;
            default -> throw InvokeInputs.invalid("input '" + OUTPUT + "' must be json or text, got '" + name.get() + "'");
        };
    }

    static Struct read(byte[] stdout, Format format, String script) throws EndpointException {
        String text = new String(stdout, StandardCharsets.UTF_8);
        if (format == Format.TEXT) {
            return Struct.newBuilder().putFields("stdout", Value.newBuilder().setStringValue(text).build()).build();
        }
        if (text.isBlank()) {
            return Struct.getDefaultInstance();
        }
        Optional<Value> parsed = JsonText.parse(text);
        if (parsed.isEmpty()) {
            String start = text.strip();
            throw ScriptErrors.of(ScriptErrors.OUTPUT_NOT_JSON, "script " + script + " printed something that is not JSON"
                    + " (print one JSON value, or ask for output: text); it starts with: "
                    + (start.length() > SHOWN ? start.substring(0, SHOWN) + "…" : start));
        }
        Value value = parsed.get();
        if (value.hasStructValue()) {
            return value.getStructValue();
        }
        return Struct.newBuilder().putFields("result", value).build();
    }
}
