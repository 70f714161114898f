package procos.das.generation.description;

import java.util.List;

/**
 * One field of a user task's form; its {@code id} is the process variable it sets.
 *
 * @param values the allowed values of an {@link FieldType#ENUM} field; empty otherwise
 */
public record FormField(String id, String label, FieldType type, List<String> values) {

    public FormField {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public enum FieldType { BOOLEAN, STRING, LONG, DATE, ENUM }
}
