package procos.pde.endpoint.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import procos.logging.SecretRedactor;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * The error codes of the JDBC endpoint, and how a database's {@link SQLException} maps onto them
 * by its SQLState class, the one part of a database error that means the same on every database.
 * Database messages are passed on (they name the column or the value at fault), with anything
 * credential-like masked; exceptions are never attached as causes, since their chains can carry
 * connection URLs.
 */
final class JdbcErrors {

    /** A statement that changes data on an endpoint that is not {@code writable}. */
    static final String READ_ONLY = "READ_ONLY";
    static final String UNKNOWN_STATEMENT = "UNKNOWN_STATEMENT";
    /** Input {@code sql} on an endpoint without {@code allow_ad_hoc_sql}. */
    static final String AD_HOC_SQL_NOT_ALLOWED = "AD_HOC_SQL_NOT_ALLOWED";
    /** The database refused the statement: syntax, unknown table or column, constraint violation. */
    static final String SQL_ERROR = "SQL_ERROR";
    static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    /** The database cannot be reached or is shutting down; another attempt may reach it. */
    static final String UNAVAILABLE = "UNAVAILABLE";
    /** Serialization failure or deadlock: the database itself asks for the transaction to be retried. */
    static final String TRANSACTION_CONFLICT = "TRANSACTION_CONFLICT";
    static final String UNSUPPORTED_TASK_TYPE = "UNSUPPORTED_TASK_TYPE";

    private JdbcErrors() {
    }

    static EndpointException of(String code, String message) {
        return new EndpointException(code, message, false);
    }

    /** The error for {@code e}, raised while running {@code statement} (a name, or "ad-hoc SQL"). */
    static EndpointException from(SQLException e, String statement) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = SecretRedactor.redactText(String.valueOf(e.getMessage()))
                + (state.isEmpty() ? "" : " (SQLState " + state + ")");
        if (e instanceof SQLTimeoutException || state.equals("57014")) {
            return of(DEADLINE_EXCEEDED, statement + " was cancelled at its time limit: " + reason);
        }
        if (state.startsWith("08") || state.startsWith("53") || state.equals("57P01") || state.equals("57P03")) {
            return new EndpointException(UNAVAILABLE, "the database is not available: " + reason, true);
        }
        if (state.startsWith("40")) {
            return new EndpointException(TRANSACTION_CONFLICT, statement + " conflicted with another transaction: "
                    + reason, true);
        }
        if (state.equals("25006")) {
            return of(READ_ONLY, statement + " tried to change data on a read-only endpoint: " + reason);
        }
        // Data exceptions and type mismatches come from the values bound, not from the statement.
        if (state.startsWith("22") || state.equals("42804") || state.equals("42883")) {
            return InvokeInputs.invalid("parameters do not fit " + statement + ": " + reason);
        }
        return of(SQL_ERROR, statement + " failed: " + reason);
    }
}
