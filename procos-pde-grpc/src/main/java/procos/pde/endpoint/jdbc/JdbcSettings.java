package procos.pde.endpoint.jdbc;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import procos.logging.SecretRedactor;
import procos.pde.endpoint.EndpointSettings;
import procos.pde.pool.EndpointConfig;

/**
 * The options of a {@code jdbc} endpoint, read from its {@code settings} and checked once, at
 * construction, so that a bad value stops the boot with the endpoint id and setting named. The
 * password never appears in {@link #toString()} or in a message; the URL only with credentials
 * masked.
 *
 * @param url            the JDBC URL; a driver for it must be on the class path
 * @param user           database user, if the URL does not carry it
 * @param password       database password (usually {@code ${ENV}}-substituted)
 * @param writable       whether statements may change data; otherwise they run read-only and are rolled back
 * @param allowAdHocSql  whether a task may bring its own SQL in input {@code sql}
 * @param maxRows        most rows a query returns; more are cut off and flagged {@code truncated}
 * @param queryTimeout   longest a statement may run; the task's deadline can only shorten it
 * @param statements     the named statements tasks run, by name, sorted
 */
public record JdbcSettings(String url, Optional<String> user, Optional<String> password, boolean writable,
                           boolean allowAdHocSql, long maxRows, Duration queryTimeout, Map<String, String> statements) {

    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String WRITABLE = "writable";
    public static final String ALLOW_AD_HOC_SQL = "allow_ad_hoc_sql";
    public static final String MAX_ROWS = "max_rows";
    public static final String QUERY_TIMEOUT = "query_timeout";
    /** Prefix of the named statements: {@code statement.find_customer: SELECT … WHERE id = ?}. */
    public static final String STATEMENT_PREFIX = "statement.";

    public static final long DEFAULT_MAX_ROWS = 1000;
    /** Rows travel in one protobuf message; beyond this, page with parameters or export to a file. */
    public static final long MAX_ROWS_LIMIT = 100_000;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** Names become task types and appear in messages, so they are kept to plain words. */
    private static final Pattern STATEMENT_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        statements = Collections.unmodifiableSortedMap(new TreeMap<>(statements));
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
    }

    /**
     * Reads {@code url} (required, with a driver on the class path), {@code user}, {@code password},
     * {@code writable}, {@code allow_ad_hoc_sql}, {@code max_rows}, {@code query_timeout} (ISO-8601;
     * else the endpoint's {@code timeout}, else 30 s) and the {@code statement.<name>} family. A
     * named statement must be one statement, and one that only reads unless the endpoint is writable.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static JdbcSettings from(EndpointConfig config) {
        EndpointSettings settings = EndpointSettings.of(config, Set.of(URL, USER, PASSWORD, WRITABLE, ALLOW_AD_HOC_SQL,
                MAX_ROWS, QUERY_TIMEOUT), Set.of(STATEMENT_PREFIX));
        String url = settings.required(URL, "the JDBC URL, e.g. jdbc:postgresql://host:5432/db");
        checkDriver(settings, url);
        boolean writable = settings.bool(WRITABLE, false);
        boolean adHoc = settings.bool(ALLOW_AD_HOC_SQL, false);
        Map<String, String> statements = statements(settings, writable);
        if (statements.isEmpty() && !adHoc) {
            throw settings.invalid(STATEMENT_PREFIX + "<name>", "is required at least once: without named statements"
                    + " or allow_ad_hoc_sql the endpoint could run nothing");
        }
        return new JdbcSettings(url, settings.optional(USER), settings.optional(PASSWORD), writable, adHoc,
                settings.whole(MAX_ROWS, DEFAULT_MAX_ROWS, 1, MAX_ROWS_LIMIT),
                settings.duration(QUERY_TIMEOUT).or(config::timeout).orElse(DEFAULT_QUERY_TIMEOUT),
                statements);
    }

    /** The URL with any credentials in it masked, for descriptions and logs. */
    public String displayUrl() {
        return SecretRedactor.redactText(url);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + displayUrl() + ", user=" + user.orElse("") + ", password="
                + password.map(p -> SecretRedactor.MASK).orElse("") + ", writable=" + writable
                + ", allowAdHocSql=" + allowAdHocSql + ", maxRows=" + maxRows + ", queryTimeout=" + queryTimeout
                + ", statements=" + statements.keySet() + "]";
    }

    private static void checkDriver(EndpointSettings settings, String url) {
        if (!url.startsWith("jdbc:")) {
            throw settings.invalid(URL, "must start with jdbc:");
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw settings.invalid(URL, "has no JDBC driver on the class path that accepts it (PostgreSQL's is included;"
                    + " add the jars of others to the class path)");
        }
    }

    private static Map<String, String> statements(EndpointSettings settings, boolean writable) {
        SortedMap<String, String> statements = settings.family(STATEMENT_PREFIX);
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            String setting = STATEMENT_PREFIX + statement.getKey();
            String sql = statement.getValue().strip();
            if (!STATEMENT_NAME.matcher(statement.getKey()).matches()) {
                throw settings.invalid(setting, "has a name other than letters, digits, '_', '.' and '-'");
            }
            if (!SqlText.isSingleStatement(sql)) {
                throw settings.invalid(setting, "must be exactly one SQL statement");
            }
            if (!writable && !SqlText.reads(sql)) {
                throw settings.invalid(setting, "is a " + SqlText.leadingKeyword(sql)
                        + " statement, but the endpoint is read-only (set writable: true to allow it)");
            }
            statement.setValue(sql);
        }
        return statements;
    }
}
