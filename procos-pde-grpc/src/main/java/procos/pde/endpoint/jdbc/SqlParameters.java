package procos.pde.endpoint.jdbc;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.JsonText;

/**
 * The values for a statement's {@code ?} placeholders, from input {@code parameters}: a JSON array,
 * given as a list or as its JSON text (process variables are often strings). Values are only ever
 * bound with {@link PreparedStatement#setObject}, never written into the SQL, so whatever a value
 * contains ({@code 1 OR 1=1}, {@code '; DROP TABLE x; --}) is compared as data and cannot change
 * the statement. Whole numbers are bound as {@code Long}, others as {@code Double}; strings,
 * booleans and null as themselves; objects and arrays are refused.
 */
final class SqlParameters {

    static final String PARAMETERS = "parameters";

    /** Largest magnitude up to which every whole double is exact (2^53). */
    private static final double EXACT = 9_007_199_254_740_992d;

    private final List<Object> values;

    private SqlParameters(List<Object> values) {
        this.values = Collections.unmodifiableList(values);
    }

    static SqlParameters from(InvokeInputs inputs) throws EndpointException {
        Optional<Value> given = inputs.value(PARAMETERS);
        if (given.isEmpty()) {
            return new SqlParameters(List.of());
        }
        ListValue list = list(given.get());
        List<Object> values = new ArrayList<>(list.getValuesCount());
        for (int i = 0; i < list.getValuesCount(); i++) {
            values.add(javaValue(list.getValues(i), i));
        }
        return new SqlParameters(values);
    }

    int count() {
        return values.size();
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }

    private static ListValue list(Value value) throws EndpointException {
        if (value.hasListValue()) {
            return value.getListValue();
        }
        if (value.hasStringValue()) {
            Optional<Value> parsed = JsonText.parse(value.getStringValue());
            if (parsed.isPresent() && parsed.get().hasListValue()) {
                return parsed.get().getListValue();
            }
        }
        throw InvokeInputs.invalid("input '" + PARAMETERS + "' must be a JSON array of values, e.g. [42, \"ACME\"]");
    }

    private static Object javaValue(Value value, int index) throws EndpointException {
        return switch (value.getKindCase()) {
            case NULL_VALUE -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case STRING_VALUE -> value.getStringValue();
            case NUMBER_VALUE -> {
                double number = value.getNumberValue();
                yield number == Math.rint(number) && Math.abs(number) <= EXACT ? (Object) (long) number : (Object) number;
            }
            default -> throw InvokeInputs.invalid("input '" + PARAMETERS + "[" + index
                    + "]' must be a string, number, boolean or null, not an object or array");
        };
    }
}
