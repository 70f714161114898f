package procos.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * A fresh PostgreSQL database for one soak run, created with {@code CREATE DATABASE} on the server the
 * options name and dropped afterwards (unless kept). The bench keeps one connection to the database it
 * was given, so its own session is never counted among the soak database's.
 */
final class SoakDatabase implements AutoCloseable {

    private final Connection admin;
    private final String name;
    private final String url;
    private final SoakOptions.Database options;
    private final boolean keep;

    private SoakDatabase(Connection admin, String name, String url, SoakOptions.Database options, boolean keep) {
        this.admin = admin;
        this.name = name;
        this.url = url;
        this.options = options;
        this.keep = keep;
    }

    static SoakDatabase create(SoakOptions.Database options, boolean keep) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", options.user());
        properties.setProperty("password", options.password());
        Connection admin = DriverManager.getConnection(options.adminUrl(), properties);
        String name = "procos_soak_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (Statement statement = admin.createStatement()) {
            // A generated name of letters, digits and underscores: nothing to quote.
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            admin.close();
            throw e;
        }
        return new SoakDatabase(admin, name, withDatabase(options.adminUrl(), name), options, keep);
    }

    /** {@code jdbc:postgresql://host:port/db?params} with another database. */
    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//");
        int slash = url.indexOf('/', hosts + 2);
        int query = url.indexOf('?', slash < 0 ? 0 : slash);
        String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        return base + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    String name() {
        return name;
    }

    String url() {
        return url;
    }

    String user() {
        return options.user();
    }

    String password() {
        return options.password();
    }

    /** Sessions connected to the soak's database now, as PostgreSQL counts them; -1 if the query fails. */
    long sessions() {
        return count("select count(*) from pg_stat_activity where datname = ?");
    }

    /**
     * Sessions ever opened on the soak's database (PostgreSQL 14 and later; -1 before): how often a
     * connection was opened anew rather than reused.
     */
    long sessionsOpened() {
        return count("select sessions from pg_stat_database where datname = ?");
    }

    private synchronized long count(String sql) {
        try (PreparedStatement query = admin.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        try (admin) {
            if (!keep && !admin.isClosed()) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        }
    }
}
