package procos.das.generation.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step hands back to its process: a few small variables. Texts are cut to what a Camunda
 * string variable holds, so a long message can never fail the step's completion.
 */
public final class StepOutputs {

    static final int MAX_TEXT = 3_900;

    private final Map<String, Object> values = new LinkedHashMap<>();

    public StepOutputs put(String name, Object value) {
        if (value instanceof String text && text.length() > MAX_TEXT) {
            value = text.substring(0, MAX_TEXT - 1) + "…";
        }
        values.put(name, value);
        return this;
    }

    public Map<String, Object> values() {
        return Map.copyOf(values);
    }
}
