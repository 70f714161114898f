package procos.pde.endpoint.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;

class JdbcSettingsTest {

    private static final String URL = "jdbc:h2:mem:settings";

    @Test
    void defaultsAreReadOnlyNamedStatementsOnlyAThousandRowsAndThirtySeconds() {
        JdbcSettings settings = JdbcSettings.from(config(Map.of("url", URL, "statement.find", " SELECT 1 "), Optional.empty()));

        assertThat(settings.writable()).isFalse();
        assertThat(settings.allowAdHocSql()).isFalse();
        assertThat(settings.maxRows()).isEqualTo(1000);
        assertThat(settings.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.statements()).containsExactly(Map.entry("find", "SELECT 1"));
        assertThat(settings.user()).isEmpty();
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void theEndpointTimeoutBoundsQueriesUnlessQueryTimeoutIsSet() {
        assertThat(JdbcSettings.from(config(Map.of("url", URL, "statement.a", "SELECT 1"), Optional.of(Duration.ofSeconds(5))))
                .queryTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(JdbcSettings.from(config(Map.of("url", URL, "statement.a", "SELECT 1", "query_timeout", "PT2S"),
                Optional.of(Duration.ofSeconds(5)))).queryTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void thePasswordIsNeverShownAndNeitherAreCredentialsInTheUrl() {
        JdbcSettings settings = JdbcSettings.from(config(Map.of("url", "jdbc:postgresql://db:5432/erp?password=url-secret",
                "user", "procos", "password", "settings-secret", "statement.a", "SELECT 1"), Optional.empty()));

        assertThat(settings.toString()).doesNotContain("url-secret").doesNotContain("settings-secret").contains("procos");
        assertThat(settings.displayUrl()).doesNotContain("url-secret").startsWith("jdbc:postgresql://db:5432/erp");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "url=postgresql://db/erp            | url              | must start with jdbc:",
        "url=jdbc:nosuchdb://db/erp         | url              | has no JDBC driver",
        "statement.wipe=DELETE FROM t       | statement.wipe   | is a DELETE statement, but the endpoint is read-only",
        "statement.two=SELECT 1; SELECT 2   | statement.two    | must be exactly one SQL statement",
        "statement.b@d=SELECT 1             | statement.b@d    | has a name other than",
        "max_rows=0                         | max_rows         | must be between 1 and 100000",
        "max_rows=lots                      | max_rows         | must be a whole number",
        "writable=yes                       | writable         | true or false",
        "query_timeout=5s                   | query_timeout    | ISO-8601",
        "pool_size=4                        | pool_size        | is not a setting of jdbc endpoints",
    })
    void badSettingsAreRefusedNamingEndpointAndSetting(String extra, String setting, String reason) {
        Map<String, String> settings = new HashMap<>(Map.of("url", URL, "statement.find", "SELECT 1"));
        String[] pair = extra.split("=", 2);
        settings.put(pair[0], pair[1]);

        assertThatThrownBy(() -> JdbcSettings.from(config(settings, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint 'db': setting '" + setting + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void anEndpointThatCouldRunNothingIsRefused() {
        assertThatThrownBy(() -> JdbcSettings.from(config(Map.of("url", URL), Optional.empty())))
                .hasMessageStartingWith("endpoint 'db': setting 'statement.<name>' is required at least once");
        assertThat(JdbcSettings.from(config(Map.of("url", URL, "allow_ad_hoc_sql", "true"), Optional.empty())).statements())
                .isEmpty();
    }

    @Test
    void aWritableEndpointMayNameStatementsThatChangeData() {
        JdbcSettings settings = JdbcSettings.from(config(Map.of("url", URL, "writable", "true",
                "statement.wipe", "DELETE FROM t WHERE id = ?"), Optional.empty()));

        assertThat(settings.statements()).containsKey("wipe");
    }

    private static EndpointConfig config(Map<String, String> settings, Optional<Duration> timeout) {
        return new EndpointConfig("db", EndpointKind.JDBC, Optional.empty(), Optional.empty(), timeout, settings);
    }
}
