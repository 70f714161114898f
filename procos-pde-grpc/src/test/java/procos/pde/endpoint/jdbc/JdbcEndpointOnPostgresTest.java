package procos.pde.endpoint.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import procos.pde.endpoint.ClosedPort;
import procos.pde.endpoint.EndpointException;
import procos.pde.v1.HealthState;

/**
 * The JDBC endpoint against the real PostgreSQL the test suite runs with ({@code ./procos test}
 * starts it): {@code procos.test.postgres.url}, by default {@code jdbc:postgresql://127.0.0.1:5432/test}
 * as user {@code postgres}.
 */
class JdbcEndpointOnPostgresTest extends JdbcEndpointContract {

    @Override
    protected String url() {
        return System.getProperty("procos.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Override
    protected String user() {
        return System.getProperty("procos.test.postgres.user", "postgres");
    }

    @Override
    protected String slowQuery() {
        return "SELECT pg_sleep(5)";
    }

    @Test
    void aWriteHiddenInAReadingStatementIsRefusedByTheReadOnlyTransaction() throws Exception {
        JdbcEndpoint endpoint = endpoint(Map.of("allow_ad_hoc_sql", "true"));

        EndpointException refused = refused(endpoint, "jdbc.execute", Map.of("sql",
                text("WITH gone AS (DELETE FROM " + table + " RETURNING id) SELECT COUNT(*) FROM gone")));

        assertThat(refused.code()).isEqualTo("READ_ONLY");
        assertThat(refused.getMessage()).contains("SQLState 25006");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void numbersGivenAsTextMatchWhenTheUrlLeavesStringTypesToTheServer() throws Exception {
        JdbcEndpoint strict = endpoint(Map.of());
        JdbcEndpoint lenient = endpoint(Map.of("url", url() + "?stringtype=unspecified"));

        assertThat(refused(strict, "by_id", Map.of("parameters", json("[\"2\"]"))).code()).isEqualTo("INVALID_INPUT");
        assertThat(rows(run(lenient, "by_id", Map.of("parameters", json("[\"2\"]"))))).hasSize(1);
    }

    @Test
    void anUnreachableDatabaseIsRetryableAndMakesTheEndpointUnhealthyForAWhile() {
        JdbcEndpoint endpoint = endpoint(Map.of("url", "jdbc:postgresql://127.0.0.1:" + ClosedPort.find() + "/test?connectTimeout=2",
                "password", "pg-secret-password"));

        EndpointException unavailable = refused(endpoint, "by_id", Map.of("parameters", json("[1]")));

        assertThat(unavailable.code()).isEqualTo("UNAVAILABLE");
        assertThat(unavailable.retryable()).isTrue();
        assertThat(endpoint.health().getState()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(log.lines()).noneMatch(line -> line.contains("pg-secret-password"));
        assertThat(unavailable.getMessage()).doesNotContain("pg-secret-password");
    }
}
