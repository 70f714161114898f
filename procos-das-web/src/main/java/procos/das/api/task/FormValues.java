package procos.das.api.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import procos.das.api.ApiProblem;
import procos.das.api.process.VariableValues;

/**
 * The values a person submits for a task's form, checked against its fields and converted to what
 * each field's type stores: {@code boolean} true/false, {@code long} a whole number, {@code string}
 * text, {@code date} an ISO-8601 date or time, {@code enum} one of its choices. A wrong type, an
 * unknown field or a missing required one is refused with 422 naming the field. A task without form
 * fields takes any values, converted like start variables.
 */
public final class FormValues {

    private FormValues() {
    }

    /** @param json the {@code values} object of the request (null for none) */
    public static Map<String, Object> convert(List<FormField> fields, Object json) {
        if (fields.isEmpty()) {
            return VariableValues.fromJson(json, "values");
        }
        if (json != null && !(json instanceof Map<?, ?>)) {
            throw ApiProblem.unprocessable("values: must be a JSON object of field ids to values");
        }
        Map<?, ?> given = json == null ? Map.of() : (Map<?, ?>) json;
        Map<String, FormField> byId = new HashMap<>();
        fields.forEach(field -> byId.put(field.getId(), field));
        for (Object name : given.keySet()) {
            if (!byId.containsKey(String.valueOf(name))) {
                throw ApiProblem.unprocessable("values." + name + ": not a field of this task's form; fields: "
                        + String.join(", ", fields.stream().map(FormField::getId).toList()));
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (FormField field : fields) {
            String path = "values." + field.getId();
            Object value = given.get(field.getId());
            if (value == null) {
                if (required(field) && field.getDefaultValue() == null) {
                    throw ApiProblem.unprocessable(path + ": required");
                }
                continue;
            }
            values.put(field.getId(), convert(field, value, path));
        }
        return values;
    }

    public static boolean required(FormField field) {
        return field.getValidationConstraints().stream().map(FormFieldValidationConstraint::getName).anyMatch("required"::equals);
    }

    private static Object convert(FormField field, Object value, String path) {
        String type = field.getTypeName();
        switch (type) {
            case "boolean":
                if (value instanceof Boolean) {
                    return value;
                }
                throw ApiProblem.unprocessable(path + ": must be true or false");
            case "long":
                if (value instanceof Number number && VariableValues.number(number, path) instanceof Long whole) {
                    return whole;
                }
                throw ApiProblem.unprocessable(path + ": must be a whole number");
            case "date":
                if (value instanceof String text) {
                    return date(text, path);
                }
                throw ApiProblem.unprocessable(path + ": must be an ISO-8601 date such as 2026-01-31");
            case "enum":
                Map<?, ?> choices = (Map<?, ?>) field.getType().getInformation("values");
                if (value instanceof String text && choices != null && choices.containsKey(text)) {
                    return text;
                }
                throw ApiProblem.unprocessable(path + ": must be one of " + (choices == null ? "[]" : choices.keySet()));
            case "string":
                if (value instanceof String text) {
                    return VariableValues.value(text, path);
                }
                throw ApiProblem.unprocessable(path + ": must be a string");
            default:
                return VariableValues.value(value, path);
        }
    }

    private static Date date(String text, String path) {
        try {
            return Date.from(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
            try {
                return Date.from(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notTime) {
                throw ApiProblem.unprocessable(path + ": must be an ISO-8601 date such as 2026-01-31, got '" + text + "'");
            }
        }
    }

    /** A value as the form shows it: dates as ISO-8601, the rest as they are. */
    static Object display(Object value) {
        return value instanceof Date date ? Instant.ofEpochMilli(date.getTime()).toString() : value;
    }
}
