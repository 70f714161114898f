package procos.pde.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Process variables to task inputs and task outputs back to process variables, through JSON: a
 * BPMN variable that is a string, number, boolean, list or map crosses unchanged; anything else
 * crosses as its JSON form as Jackson writes it.
 */
public final class TaskVariables {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private TaskVariables() {
    }

    public static Struct toStruct(Map<String, Object> variables) {
        try {
            Struct.Builder struct = Struct.newBuilder();
            JsonFormat.parser().merge(JSON.writeValueAsString(variables), struct);
            return struct.build();
        } catch (JsonProcessingException | InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("variables cannot be sent to a PDE: " + e.getMessage(), e);
        }
    }

    /**
     * A variable that carries a whole set of inputs: a JSON object as a string (how a process keeps
     * a map without Java serialization) or a map.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> unpack(String name, Object packed) {
        if (packed instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        try {
            Object parsed = JSON.readValue(packed.toString(), Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not a JSON object (" + e.getOriginalMessage() + ")");
        }
        throw new IllegalArgumentException(name + ": must be a JSON object such as {\"url\": \"…\"}");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toVariables(Struct struct) {
        try {
            return JSON.readValue(JsonFormat.printer().print(struct), LinkedHashMap.class);
        } catch (JsonProcessingException | InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("PDE outputs cannot become variables: " + e.getMessage(), e);
        }
    }
}
