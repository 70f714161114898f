package procos.kernel.config;

import java.util.Arrays;
import java.util.Optional;

/** The databases the kernel knows how to run the engine on, recognised by their JDBC URL. */
public enum DatabaseKind {
    H2("jdbc:h2:", "org.h2.Driver"),
    POSTGRESQL("jdbc:postgresql:", "org.postgresql.Driver");

    private final String urlPrefix;
    private final String driverClass;

    DatabaseKind(String urlPrefix, String driverClass) {
        this.urlPrefix = urlPrefix;
        this.driverClass = driverClass;
    }

    public String driverClass() {
        return driverClass;
    }

    public static Optional<DatabaseKind> fromJdbcUrl(String url) {
        return Arrays.stream(values()).filter(kind -> url.startsWith(kind.urlPrefix)).findFirst();
    }
}
