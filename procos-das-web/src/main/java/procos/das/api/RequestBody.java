package procos.das.api;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object body read field by field, so that a missing field, an unknown one or a value of the
 * wrong type is refused with the field named (JSON-B's own binding would only say the body is wrong).
 */
public final class RequestBody {

    private final Map<String, Object> fields;

    private RequestBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    public static RequestBody of(Map<String, Object> body, Set<String> allowed) {
        if (body == null) {
            throw ApiProblem.badRequest("body: a JSON object is required");
        }
        for (String name : body.keySet()) {
            // JSON-B reads a top-level array into a map with no names: it is not an object.
            if (name == null) {
                throw ApiProblem.badRequest("body: a JSON object is required");
            }
            if (!allowed.contains(name)) {
                throw ApiProblem.unprocessable(name + ": unknown field; expected " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new RequestBody(body);
    }

    public Optional<String> string(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ApiProblem.unprocessable(name + ": must be a string");
        }
        return Optional.of(text);
    }

    public String requiredString(String name) {
        return string(name).filter(text -> !text.isBlank())
                .orElseThrow(() -> ApiProblem.unprocessable(name + ": required, a non-empty string"));
    }

    public Optional<Boolean> bool(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean flag)) {
            throw ApiProblem.unprocessable(name + ": must be true or false");
        }
        return Optional.of(flag);
    }

    public Optional<Integer> integer(String name, int min, int max) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number number)) {
            throw ApiProblem.unprocessable(name + ": must be a whole number");
        }
        BigDecimal decimal = new BigDecimal(number.toString());
        if (decimal.stripTrailingZeros().scale() > 0 || decimal.compareTo(BigDecimal.valueOf(min)) < 0
                || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiProblem.unprocessable(name + ": must be a whole number from " + min + " to " + max);
        }
        return Optional.of(decimal.intValue());
    }
}
