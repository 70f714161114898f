package procos.pde.endpoint.jdbc;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.Durations;
import io.grpc.Deadline;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import procos.logging.LogEvent;
import procos.logging.LogLevel;
import procos.logging.StructuredLogger;
import procos.pde.endpoint.ConfiguredEndpoint;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvocationLog;
import procos.pde.endpoint.InvokeInputs;
import procos.pde.endpoint.TimeBudget;
import procos.pde.pool.EndpointConfig;
import procos.pde.v1.Capability;
import procos.pde.v1.EndpointDescription;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.EndpointKind;
import procos.pde.v1.EndpointLimits;
import procos.pde.v1.InvokeRequest;
import procos.pde.v1.InvokeResponse;

/**
 * Runs SQL for processes ({@code kind: jdbc}). The SQL is the endpoint's own: a named statement
 * from its settings ({@code statement.<name>}), chosen by task type {@code jdbc.execute} with input
 * {@code statement}, or by using the statement's name as the task type; only with
 * {@code allow_ad_hoc_sql} may a task bring SQL in input {@code sql}. Values come from input
 * {@code parameters} and are always bound, never spliced into the SQL ({@link SqlParameters}).
 * A query returns {@code rows}, {@code columns}, {@code row_count} and {@code truncated}
 * ({@link ResultRows}); any other statement {@code updated}, the number of rows it changed.
 *
 * <p>Unless {@code writable}, the endpoint only reads, three ways over: statements that do not
 * start with a reading keyword are refused before the database sees them, the connection is
 * marked read-only (PostgreSQL then refuses any write, including one hidden in a {@code WITH}),
 * and the transaction is rolled back, not committed, since for some drivers (H2 among them)
 * read-only is only a hint and a function called from a SELECT can still change data. A writable
 * endpoint commits each call's statement in one transaction, or rolls it back on error.
 *
 * <p>One connection per call from {@link DriverManager}, not a pool: a PDE runs few statements at
 * once (its pool's capacity), opening a connection costs milliseconds against the engine's own
 * database work per task, and a fresh connection carries no state from an earlier task (a session
 * setting, an aborted transaction, the read-only flag). A pool is the step to take where
 * measurements show connecting dominates.
 *
 * <p>Each statement runs at most {@code query_timeout}, shortened by the task's deadline
 * ({@link PreparedStatement#setQueryTimeout}, whole seconds, rounded up). Errors are thrown as
 * {@link EndpointException}s ({@link JdbcErrors}). One {@code sql_statement} event is logged per
 * call, naming the statement but never the SQL of an ad-hoc one, the parameters or the rows.
 */
public final class JdbcEndpoint extends ConfiguredEndpoint<JdbcSettings> {

    public static final String EXECUTE = "jdbc.execute";

    static final String STATEMENT = "statement";
    static final String SQL = "sql";
    private static final String AD_HOC = "ad-hoc SQL";

    private static final StructuredLogger LOG = StructuredLogger.forComponent("endpoint.jdbc");

    private final ConnectionHealth health = new ConnectionHealth();

    public JdbcEndpoint(String id, JdbcSettings settings) {
        super(id, settings);
    }

    /**
     * The endpoint a {@code jdbc} entry of the PDE manager configuration declares.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static JdbcEndpoint fromConfig(EndpointConfig config) {
        return new JdbcEndpoint(config.id(), JdbcSettings.from(config));
    }

    /** Unhealthy for a few seconds after a call could not reach the database ({@link ConnectionHealth}). */
    @Override
    public EndpointHealth health() {
        return health.report();
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request, Deadline deadline) throws EndpointException {
        long started = System.nanoTime();
        String statementName = null;
        try {
            InvokeInputs inputs = InvokeInputs.of(request.getInputs());
            Optional<String> named = statementName(request.getTaskType(), inputs);
            statementName = named.orElse(AD_HOC);
            String sql = named.isPresent() ? settings().statements().get(named.get()) : adHocSql(inputs);
            String label = named.map(name -> "statement '" + name + "'").orElse(AD_HOC);
            Struct outputs = execute(sql, label, SqlParameters.from(inputs), deadline);
            log(LogLevel.INFO, request, statementName, "ok", started).with(summary(outputs)).log();
            return InvokeResponse.newBuilder().setOutputs(outputs).build();
        } catch (EndpointException e) {
            log(LogLevel.WARN, request, statementName, e.code(), started).with("retryable", e.retryable()).log();
            throw e;
        }
    }

    /** The named statement a task asks for; empty for ad-hoc SQL. */
    private Optional<String> statementName(String taskType, InvokeInputs inputs) throws EndpointException {
        if (settings().statements().containsKey(taskType)) {
            return Optional.of(taskType);
        }
        if (!taskType.equals(EXECUTE)) {
            throw JdbcErrors.of(JdbcErrors.UNSUPPORTED_TASK_TYPE, "endpoint " + id() + " runs " + EXECUTE
                    + " and its named statements, not '" + taskType + "'");
        }
        Optional<String> name = inputs.string(STATEMENT);
        if (name.isPresent() == inputs.value(SQL).isPresent()) {
            throw InvokeInputs.invalid("give exactly one of input '" + STATEMENT + "' (a named statement: "
                    + String.join(", ", settings().statements().keySet()) + ") and input '" + SQL + "'");
        }
        if (name.isPresent() && !settings().statements().containsKey(name.get())) {
            throw JdbcErrors.of(JdbcErrors.UNKNOWN_STATEMENT, "endpoint " + id() + " has no statement '" + name.get()
                    + "' (it has: " + String.join(", ", settings().statements().keySet()) + ")");
        }
        return name;
    }

    private String adHocSql(InvokeInputs inputs) throws EndpointException {
        if (!settings().allowAdHocSql()) {
            throw JdbcErrors.of(JdbcErrors.AD_HOC_SQL_NOT_ALLOWED, "endpoint " + id() + " runs only its named statements"
                    + " (input '" + STATEMENT + "'); ad-hoc SQL needs allow_ad_hoc_sql: true");
        }
        String sql = inputs.requiredString(SQL).strip();
        if (!SqlText.isSingleStatement(sql)) {
            throw InvokeInputs.invalid("input '" + SQL + "' must be exactly one SQL statement");
        }
        if (!settings().writable() && !SqlText.reads(sql)) {
            throw JdbcErrors.of(JdbcErrors.READ_ONLY, "endpoint " + id() + " is read-only and input '" + SQL
                    + "' is a " + SqlText.leadingKeyword(sql) + " statement");
        }
        return sql;
    }

    private Struct execute(String sql, String label, SqlParameters parameters, Deadline deadline) throws EndpointException {
        Duration budget = TimeBudget.effective(settings().queryTimeout(), OptionalLong.empty(), deadline);
        if (budget.isNegative() || budget.isZero()) {
            throw JdbcErrors.of(JdbcErrors.DEADLINE_EXCEEDED, "the task's deadline passed before " + label + " could run");
        }
        try (Connection connection = connect()) {
            connection.setReadOnly(!settings().writable());
            connection.setAutoCommit(false);
            try {
                Struct outputs = run(connection, sql, label, parameters, budget);
                if (settings().writable()) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return outputs;
            } catch (SQLException | EndpointException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            EndpointException error = JdbcErrors.from(e, label);
            if (error.code().equals(JdbcErrors.UNAVAILABLE)) {
                health.failed();
            }
            throw error;
        }
    }

    private Struct run(Connection connection, String sql, String label, SqlParameters parameters, Duration budget)
            throws SQLException, EndpointException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int expected = statement.getParameterMetaData().getParameterCount();
            if (expected != parameters.count()) {
                throw InvokeInputs.invalid(label + " takes " + expected + " parameter" + (expected == 1 ? "" : "s")
                        + " in input '" + SqlParameters.PARAMETERS + "', got " + parameters.count());
            }
            parameters.bind(statement);
            statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (budget.toMillis() + 999) / 1000)));
            // One row more than allowed, to tell a result of exactly max_rows from a longer one.
            statement.setMaxRows((int) settings().maxRows() + 1);
            boolean query = statement.execute();
            Struct outputs = query
                    ? ResultRows.read(statement.getResultSet(), settings().maxRows())
                    : Struct.newBuilder().putFields("updated", Value.newBuilder()
                            .setNumberValue(Math.max(0, statement.getUpdateCount())).build()).build();
            health.succeeded();
            return outputs;
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        settings().user().ifPresent(user -> properties.setProperty("user", user));
        settings().password().ifPresent(password -> properties.setProperty("password", password));
        return DriverManager.getConnection(settings().url(), properties);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is closed next; an open transaction ends with it.
        }
    }

    /** Counts for the log line; never the rows themselves. */
    private static Map<String, Object> summary(Struct outputs) {
        Value rows = outputs.getFieldsMap().get("row_count");
        if (rows != null) {
            return Map.of("rows", (long) rows.getNumberValue(),
                    "truncated", outputs.getFieldsOrThrow("truncated").getBoolValue());
        }
        return Map.of("updated", (long) outputs.getFieldsOrThrow("updated").getNumberValue());
    }

    private LogEvent log(LogLevel level, InvokeRequest request, String statement, String outcome, long started) {
        LogEvent event = InvocationLog.event(LOG, level, "sql_statement", id(), request);
        if (statement != null) {
            event.with("statement", statement);
        }
        return event.with("outcome", outcome).durationSince(started);
    }

    @Override
    protected EndpointDescription description() {
        com.google.protobuf.Duration timeout = Durations.fromNanos(settings().queryTimeout().toNanos());
        EndpointDescription.Builder description = EndpointDescription.newBuilder()
                .setEndpointId(id())
                .setKind(EndpointKind.CONNECTOR)
                .setVersion("1")
                .setDescription("SQL on " + settings().displayUrl() + (settings().writable() ? "" : " (read-only)")
                        + (settings().allowAdHocSql() ? ", ad-hoc SQL allowed" : ""))
                .addCapabilities(Capability.newBuilder().setTaskType(EXECUTE))
                .setLimits(EndpointLimits.newBuilder().setDefaultTimeout(timeout).setMaxTimeout(timeout));
        settings().statements().keySet().forEach(name -> description.addCapabilities(Capability.newBuilder().setTaskType(name)));
        return description.build();
    }
}
