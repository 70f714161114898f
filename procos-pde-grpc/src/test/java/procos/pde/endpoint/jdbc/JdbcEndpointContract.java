package procos.pde.endpoint.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static procos.pde.endpoint.Invocations.relaxed;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Deadline;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import procos.pde.endpoint.CapturedLog;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.Invocations;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.v1.InvokeRequest;

/**
 * What the JDBC endpoint does on any database, proved against a real one by each subclass: a
 * table of its own, uniquely named, created before and dropped after every test.
 */
abstract class JdbcEndpointContract {

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    /** Unique per test, so runs sharing a database never see each other's rows. */
    protected final String table = "procos_jdbc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    protected abstract String url();

    protected abstract String user();

    /** A query that runs far longer than a second unless cancelled. */
    protected abstract String slowQuery();

    @BeforeEach
    void customers() throws SQLException {
        sql("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(100), amount NUMERIC(10, 2),"
                + " active BOOLEAN, created DATE)");
        sql("INSERT INTO " + table + " VALUES (1, 'Alpha', 19.99, TRUE, DATE '2024-01-31'),"
                + " (2, 'Beta', 5.00, FALSE, DATE '2024-02-29'), (3, 'Gamma', NULL, TRUE, NULL)");
    }

    @AfterEach
    void dropCustomers() throws SQLException {
        sql("DROP TABLE IF EXISTS " + table);
    }

    // --- reading

    @Test
    void aNamedSelectBindsItsParameterAndReturnsTypedRows() throws Exception {
        Struct outputs = run(endpoint(Map.of()), "jdbc.execute", Map.of("statement", text("by_id"), "parameters", json("[1]")));

        assertThat(outputs.getFieldsOrThrow("row_count").getNumberValue()).isEqualTo(1);
        assertThat(outputs.getFieldsOrThrow("truncated").getBoolValue()).isFalse();
        assertThat(outputs.getFieldsOrThrow("columns").getListValue().getValuesList()).extracting(Value::getStringValue)
                .map(String::toLowerCase).containsExactly("id", "name", "amount", "active", "created");
        Map<String, Value> row = lowerCase(rows(outputs).get(0));
        assertThat(row.get("id").getNumberValue()).isEqualTo(1);
        assertThat(row.get("name").getStringValue()).isEqualTo("Alpha");
        assertThat(row.get("amount").getNumberValue()).isEqualTo(19.99);
        assertThat(row.get("active").getBoolValue()).isTrue();
        assertThat(row.get("created").getStringValue()).isEqualTo("2024-01-31");
    }

    @Test
    void nullsComeBackAsNullAndTheStatementNameServesAsTaskType() throws Exception {
        Struct outputs = run(endpoint(Map.of()), "by_id", Map.of("parameters", text("[3]")));

        Map<String, Value> row = lowerCase(rows(outputs).get(0));
        assertThat(row.get("amount").hasNullValue()).isTrue();
        assertThat(row.get("created").hasNullValue()).isTrue();
    }

    @Test
    void sqlInjectedThroughParametersIsComparedAsDataAndChangesNothing() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of());

        Struct tautology = run(endpoint, "by_name", Map.of("parameters", list(text("Alpha' OR '1'='1"))));
        Struct dropAttempt = run(endpoint, "by_name", Map.of("parameters", list(text("'; DROP TABLE " + table + "; --"))));
        Struct honest = run(endpoint, "by_name", Map.of("parameters", list(text("Alpha"))));
        EndpointException numericTautology = refused(endpoint, "by_id", Map.of("parameters", list(text("1 OR 1=1"))));

        assertThat(rows(tautology)).isEmpty();
        assertThat(rows(dropAttempt)).isEmpty();
        assertThat(rows(honest)).hasSize(1);
        assertThat(numericTautology.code()).isEqualTo("INVALID_INPUT");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void moreRowsThanMaxRowsAreCutOffAndFlagged() throws Exception {
        Struct capped = run(endpoint(Map.of("max_rows", "2")), "all", Map.of());
        Struct exact = run(endpoint(Map.of("max_rows", "3")), "all", Map.of());

        assertThat(rows(capped)).hasSize(2);
        assertThat(capped.getFieldsOrThrow("truncated").getBoolValue()).isTrue();
        assertThat(rows(exact)).hasSize(3);
        assertThat(exact.getFieldsOrThrow("truncated").getBoolValue()).isFalse();
    }

    @Test
    void aStatementStillRunningAtTheDeadlineIsCancelled() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of("allow_ad_hoc_sql", "true"));

        EndpointException cancelled = catchThrowableOfType(EndpointException.class, () -> endpoint.invoke(
                request("jdbc.execute", Map.of("sql", text(slowQuery()))), Deadline.after(1, TimeUnit.SECONDS)));

        assertThat(cancelled).isNotNull();
        assertThat(cancelled.code()).isEqualTo("DEADLINE_EXCEEDED");
    }

    // --- writing

    @Test
    void writesAreRefusedOnAReadOnlyEndpointAndNothingChanges() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of("allow_ad_hoc_sql", "true"));

        EndpointException delete = refused(endpoint, "jdbc.execute", Map.of("sql", text("DELETE FROM " + table)));
        EndpointException commented = refused(endpoint, "jdbc.execute", Map.of("sql",
                text("/* SELECT */ -- SELECT\n UPDATE " + table + " SET name = 'x'")));

        assertThat(delete.code()).isEqualTo("READ_ONLY");
        assertThat(delete.getMessage()).contains("DELETE");
        assertThat(commented.code()).isEqualTo("READ_ONLY");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void aWritableEndpointCommitsItsStatement() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of("writable", "true", "statement.rename",
                "UPDATE " + table + " SET name = ? WHERE id = ?"));

        Struct outputs = run(endpoint, "rename", Map.of("parameters", json("[\"Alpha Ltd\", 1]")));

        assertThat(outputs.getFieldsOrThrow("updated").getNumberValue()).isEqualTo(1);
        assertThat(nameOf(1)).isEqualTo("Alpha Ltd");
    }

    @Test
    void aFailedWriteIsRolledBack() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of("writable", "true", "statement.add",
                "INSERT INTO " + table + " (id, name) VALUES (?, ?)"));

        EndpointException duplicate = refused(endpoint, "add", Map.of("parameters", json("[1, \"Again\"]")));

        assertThat(duplicate.code()).isEqualTo("SQL_ERROR");
        assertThat(duplicate.getMessage()).contains("statement 'add' failed").contains("SQLState 23");
        assertThat(count()).isEqualTo(3);
    }

    // --- bad requests

    @Test
    void badSqlIsReportedWithTheDatabasesReasonAndSqlState() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of("allow_ad_hoc_sql", "true", "statement.broken", "SELECT nope FROM " + table));

        EndpointException syntax = refused(endpoint, "jdbc.execute", Map.of("sql", text("SELECT FROM WHERE")));
        EndpointException column = refused(endpoint, "broken", Map.of());

        assertThat(syntax.code()).isEqualTo("SQL_ERROR");
        assertThat(syntax.retryable()).isFalse();
        assertThat(syntax.getMessage()).startsWith("ad-hoc SQL failed: ").contains("SQLState 42");
        assertThat(column.code()).isEqualTo("SQL_ERROR");
        assertThat(column.getMessage()).startsWith("statement 'broken' failed: ").containsIgnoringCase("nope");
    }

    @Test
    void anUnknownStatementNameListsTheKnownOnes() {
        EndpointException unknown = refused(endpoint(Map.of()), "jdbc.execute", Map.of("statement", text("drop_all")));

        assertThat(unknown.code()).isEqualTo("UNKNOWN_STATEMENT");
        assertThat(unknown.getMessage()).contains("'drop_all'").contains("all, by_id, by_name");
    }

    @Test
    void parametersOfTheWrongTypeOrNumberAreInvalidInput() {
        JdbcEndpoint endpoint = endpoint(Map.of());

        EndpointException word = refused(endpoint, "by_id", Map.of("parameters", list(text("abc"))));
        EndpointException missing = refused(endpoint, "by_id", Map.of());
        EndpointException extra = refused(endpoint, "by_id", Map.of("parameters", json("[1, 2]")));
        EndpointException nested = refused(endpoint, "by_id", Map.of("parameters", json("[{\"id\": 1}]")));
        EndpointException notAList = refused(endpoint, "by_id", Map.of("parameters", text("1")));

        assertThat(List.of(word, missing, extra, nested, notAList)).extracting(EndpointException::code)
                .containsOnly("INVALID_INPUT");
        assertThat(word.getMessage()).startsWith("parameters do not fit statement 'by_id'");
        assertThat(missing.getMessage()).isEqualTo("statement 'by_id' takes 1 parameter in input 'parameters', got 0");
        assertThat(extra.getMessage()).contains("got 2");
        assertThat(nested.getMessage()).contains("'parameters[0]'");
        assertThat(notAList.getMessage()).contains("must be a JSON array");
    }

    @Test
    void adHocSqlIsRefusedUnlessAllowedAndThenOnlyOneStatement() throws Exception {
        EndpointException notAllowed = refused(endpoint(Map.of()), "jdbc.execute", Map.of("sql", text("SELECT 1")));
        EndpointException twoStatements = refused(endpoint(Map.of("allow_ad_hoc_sql", "true", "writable", "true")),
                "jdbc.execute", Map.of("sql", text("SELECT 1; DROP TABLE " + table)));

        assertThat(notAllowed.code()).isEqualTo("AD_HOC_SQL_NOT_ALLOWED");
        assertThat(twoStatements.code()).isEqualTo("INVALID_INPUT");
        assertThat(twoStatements.getMessage()).contains("exactly one SQL statement");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void eachCallLogsOneEventWithoutParametersSqlOrRows() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of("allow_ad_hoc_sql", "true"));

        run(endpoint, "by_name", Map.of("parameters", list(text("Alpha"))));
        refused(endpoint, "jdbc.execute", Map.of("sql", text("SELECT secret_column FROM " + table)));

        assertThat(log.lines()).noneMatch(line -> line.contains("Alpha") || line.contains("secret_column"));
        List<JsonNode> events = log.events("sql_statement");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("statement").asText()).isEqualTo("by_name");
        assertThat(events.get(0).path("rows").asInt()).isEqualTo(1);
        assertThat(events.get(0).path("outcome").asText()).isEqualTo("ok");
        assertThat(events.get(1).path("statement").asText()).isEqualTo("ad-hoc SQL");
        assertThat(events.get(1).path("outcome").asText()).isEqualTo("SQL_ERROR");
    }

    // --- helpers

    protected JdbcEndpoint endpoint(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "url", url(), "user", user(),
                "statement.by_id", "SELECT id, name, amount, active, created FROM " + table + " WHERE id = ?",
                "statement.by_name", "SELECT id FROM " + table + " WHERE name = ?",
                "statement.all", "SELECT id FROM " + table + " ORDER BY id"));
        settings.putAll(extra);
        return JdbcEndpoint.fromConfig(new EndpointConfig("db", EndpointKind.JDBC, Optional.empty(), Optional.empty(),
                Optional.empty(), settings));
    }

    protected static Struct run(JdbcEndpoint endpoint, String taskType, Map<String, Value> inputs) throws EndpointException {
        return endpoint.invoke(request(taskType, inputs), relaxed()).getOutputs();
    }

    protected static EndpointException refused(JdbcEndpoint endpoint, String taskType, Map<String, Value> inputs) {
        EndpointException refused = catchThrowableOfType(EndpointException.class,
                () -> endpoint.invoke(request(taskType, inputs), relaxed()));
        assertThat(refused).as("expected the endpoint to refuse").isNotNull();
        return refused;
    }

    protected static InvokeRequest request(String taskType, Map<String, Value> inputs) {
        return Invocations.request(taskType, "{}").toBuilder().setInputs(Struct.newBuilder().putAllFields(inputs)).build();
    }

    protected static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }

    protected static Value json(String json) {
        return Invocations.struct("{\"v\": " + json + "}").getFieldsOrThrow("v");
    }

    protected static Value list(Value... values) {
        return Value.newBuilder().setListValue(com.google.protobuf.ListValue.newBuilder().addAllValues(List.of(values))).build();
    }

    protected static List<Struct> rows(Struct outputs) {
        return outputs.getFieldsOrThrow("rows").getListValue().getValuesList().stream().map(Value::getStructValue).toList();
    }

    /** Column labels are upper case on H2 and lower case on PostgreSQL. */
    private static Map<String, Value> lowerCase(Struct row) {
        Map<String, Value> lower = new HashMap<>();
        row.getFieldsMap().forEach((label, value) -> lower.put(label.toLowerCase(), value));
        return lower;
    }

    protected int count() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private String nameOf(int id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM " + table + " WHERE id = " + id)) {
            rows.next();
            return rows.getString(1);
        }
    }

    protected void sql(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
