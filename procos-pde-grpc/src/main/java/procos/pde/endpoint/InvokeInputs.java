package procos.pde.endpoint;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Typed reading of {@code InvokeRequest.inputs}. Inputs usually come straight from process
 * variables, so numbers and booleans may arrive as text; both spellings are accepted, and anything
 * else fails with a non-retryable {@code INVALID_INPUT} naming the input, since sending the same
 * inputs again cannot help. A JSON {@code null} counts as absent.
 */
public final class InvokeInputs {

    /** Error code for inputs the endpoint cannot work with. */
    public static final String INVALID_INPUT = "INVALID_INPUT";

    private final Struct inputs;

    private InvokeInputs(Struct inputs) {
        this.inputs = inputs;
    }

    public static InvokeInputs of(Struct inputs) {
        return new InvokeInputs(inputs == null ? Struct.getDefaultInstance() : inputs);
    }

    /** The raw value, if present and not null. */
    public Optional<Value> value(String name) {
        Value value = inputs.getFieldsMap().get(name);
        return value == null || value.hasNullValue() ? Optional.empty() : Optional.of(value);
    }

    public Optional<String> string(String name) throws EndpointException {
        Optional<Value> value = value(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().hasStringValue()) {
            throw invalid("input '" + name + "' must be a string");
        }
        return Optional.of(value.get().getStringValue());
    }

    public String requiredString(String name) throws EndpointException {
        return string(name).orElseThrow(() -> invalid("input '" + name + "' is required"));
    }

    public boolean bool(String name, boolean defaultValue) throws EndpointException {
        Optional<Value> value = value(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().hasBoolValue()) {
            return value.get().getBoolValue();
        }
        if (value.get().hasStringValue()) {
            switch (value.get().getStringValue().trim().toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    break;
            }
        }
        throw invalid("input '" + name + "' must be true or false");
    }

    /** A whole number of at least 1, given as a number or as digits. */
    public OptionalLong positiveLong(String name) throws EndpointException {
        Optional<Value> value = value(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        double number;
        if (value.get().hasNumberValue()) {
            number = value.get().getNumberValue();
        } else if (value.get().hasStringValue()) {
            try {
                number = Long.parseLong(value.get().getStringValue().trim());
            } catch (NumberFormatException e) {
                throw invalid("input '" + name + "' must be a whole number");
            }
        } else {
            throw invalid("input '" + name + "' must be a whole number");
        }
        if (number != Math.rint(number) || number < 1 || number > Long.MAX_VALUE) {
            throw invalid("input '" + name + "' must be a whole number of at least 1");
        }
        return OptionalLong.of((long) number);
    }

    /** A number from {@code min} to {@code max}, given as a number or as text. */
    public OptionalDouble decimal(String name, double min, double max) throws EndpointException {
        Optional<Value> value = value(name);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        double number;
        if (value.get().hasNumberValue()) {
            number = value.get().getNumberValue();
        } else if (value.get().hasStringValue()) {
            try {
                number = Double.parseDouble(value.get().getStringValue().trim());
            } catch (NumberFormatException e) {
                throw invalid("input '" + name + "' must be a number");
            }
        } else {
            throw invalid("input '" + name + "' must be a number");
        }
        if (!(number >= min && number <= max)) {
            throw invalid("input '" + name + "' must be between " + min + " and " + max);
        }
        return OptionalDouble.of(number);
    }

    public static EndpointException invalid(String message) {
        return new EndpointException(INVALID_INPUT, message, false);
    }
}
