package procos.pde.endpoint.jdbc;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * A result set as task outputs: {@code rows} (one object per row, column label → value),
 * {@code columns} (the labels in order, which an object cannot keep), {@code row_count} and
 * {@code truncated} (more rows than {@code max_rows} existed; the rest were not read).
 *
 * <p>Values keep their type where JSON has one: numbers, booleans, null. Task values are doubles,
 * so a {@code BIGINT} or {@code DECIMAL} a double cannot carry without loss comes back as its digits in a
 * string rather than silently rounded. Dates and times are ISO-8601 strings, binary data base64,
 * anything else (text, UUID, JSON, arrays) the driver's text for it.
 */
final class ResultRows {

    /** Largest magnitude up to which every whole double is exact (2^53). */
    private static final long EXACT = 1L << 53;

    private ResultRows() {
    }

    static Struct read(ResultSet rows, long maxRows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        ListValue.Builder columns = ListValue.newBuilder();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            columns.addValues(text(meta.getColumnLabel(column)));
        }
        ListValue.Builder list = ListValue.newBuilder();
        boolean truncated = false;
        while (rows.next()) {
            if (list.getValuesCount() == maxRows) {
                truncated = true;
                break;
            }
            Struct.Builder row = Struct.newBuilder();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                row.putFields(meta.getColumnLabel(column), value(rows, column, meta.getColumnType(column)));
            }
            list.addValues(Value.newBuilder().setStructValue(row));
        }
        return Struct.newBuilder()
                .putFields("rows", Value.newBuilder().setListValue(list).build())
                .putFields("columns", Value.newBuilder().setListValue(columns).build())
                .putFields("row_count", Value.newBuilder().setNumberValue(list.getValuesCount()).build())
                .putFields("truncated", Value.newBuilder().setBoolValue(truncated).build())
                .build();
    }

    private static Value value(ResultSet rows, int column, int type) throws SQLException {
        Value value = switch (type) {
            case Types.BOOLEAN, Types.BIT -> Value.newBuilder().setBoolValue(rows.getBoolean(column)).build();
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> whole(rows.getLong(column));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> fractional(rows.getDouble(column));
            case Types.NUMERIC, Types.DECIMAL -> decimal(rows.getBigDecimal(column));
            case Types.DATE -> iso(rows.getObject(column, LocalDate.class));
            case Types.TIME -> iso(rows.getObject(column, LocalTime.class));
            case Types.TIMESTAMP -> iso(rows.getObject(column, LocalDateTime.class));
            case Types.TIMESTAMP_WITH_TIMEZONE -> iso(rows.getObject(column, OffsetDateTime.class));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> binary(rows.getBytes(column));
            default -> {
                String text = rows.getString(column);
                yield text == null ? null : text(text);
            }
        };
        return value == null || rows.wasNull() ? Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build() : value;
    }

    private static Value whole(long number) {
        return Math.abs(number) <= EXACT ? Value.newBuilder().setNumberValue(number).build() : text(Long.toString(number));
    }

    private static Value fractional(double number) {
        return Double.isFinite(number) ? Value.newBuilder().setNumberValue(number).build() : text(Double.toString(number));
    }

    private static Value decimal(BigDecimal number) {
        if (number == null) {
            return null;
        }
        double approximation = number.doubleValue();
        // Exact when the double prints back as the same decimal: 19.99 is a number, 12345678901234567.89 is not.
        boolean exact = Double.isFinite(approximation) && BigDecimal.valueOf(approximation).compareTo(number) == 0;
        return exact ? Value.newBuilder().setNumberValue(approximation).build() : text(number.toPlainString());
    }

    private static Value iso(Object temporal) {
        return temporal == null ? null : text(temporal.toString());
    }

    private static Value binary(byte[] bytes) {
        return bytes == null ? null : text(Base64.getEncoder().encodeToString(bytes));
    }

    private static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }
}
