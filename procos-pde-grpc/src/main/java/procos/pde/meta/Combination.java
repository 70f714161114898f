package procos.pde.meta;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the outputs of the sub-tasks that succeeded become the meta task's outputs ({@code combine}
 * input).
 *
 * <ul>
 *   <li>{@code collect} (default): one output per sub-task, keyed by its id, holding its outputs:
 *       {@code {"a": {...}, "b": {...}}}. Never conflicts.
 *   <li>{@code merge}: the sub-tasks' output fields side by side, as if one task had produced them
 *       all: {@code {"total": 3, "summary": "..."}}. Two sub-tasks giving the same field different
 *       values is a conflict, since either choice would silently drop a result.
 * </ul>
 */
enum Combination {
    COLLECT,
    MERGE;

    /** A field two sub-tasks set to different values under {@code merge}. */
    record Conflict(String field, String firstId, String secondId) {
    }

    static Optional<Combination> fromInput(String text) {
        for (Combination combination : values()) {
            if (combination.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(combination);
            }
        }
        return Optional.empty();
    }

    String inputName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param outputs the outputs of the sub-tasks that succeeded, by id, in list order
     * @return the combined outputs, or the first conflict under {@code merge}
     */
    Result combine(Map<String, Struct> outputs) {
        Struct.Builder combined = Struct.newBuilder();
        if (this == COLLECT) {
            outputs.forEach((id, struct) -> combined.putFields(id, Value.newBuilder().setStructValue(struct).build()));
            return new Result(combined.build(), null);
        }
        Map<String, String> setBy = new HashMap<>();
        for (Map.Entry<String, Struct> entry : outputs.entrySet()) {
            for (Map.Entry<String, Value> field : entry.getValue().getFieldsMap().entrySet()) {
                Value earlier = combined.getFieldsMap().get(field.getKey());
                if (earlier != null && !earlier.equals(field.getValue())) {
                    return new Result(null, new Conflict(field.getKey(), setBy.get(field.getKey()), entry.getKey()));
                }
                combined.putFields(field.getKey(), field.getValue());
                setBy.putIfAbsent(field.getKey(), entry.getKey());
            }
        }
        return new Result(combined.build(), null);
    }

    /** Exactly one of {@code outputs} and {@code conflict} is set. */
    record Result(Struct outputs, Conflict conflict) {
    }

    static List<String> inputNames() {
        return List.of(COLLECT.inputName(), MERGE.inputName());
    }
}
