package procos.pde.endpoint.jdbc;

import java.util.UUID;

/** The JDBC endpoint against an in-memory H2 database, which outlives each call's connection. */
class JdbcEndpointOnH2Test extends JdbcEndpointContract {

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected String url() {
        return url;
    }

    @Override
    protected String user() {
        return "sa";
    }

    /** H2 has no sleep function; a cross join of two million-row ranges is 10^12 rows. */
    @Override
    protected String slowQuery() {
        return "SELECT SUM(a.X * b.X) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b";
    }
}
