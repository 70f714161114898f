package procos.pde.endpoint.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "  select * from t",
        "-- a comment with DELETE\nSELECT 1",
        "/* UPDATE */ (SELECT 1) UNION (SELECT 2)",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "VALUES (1)",
    })
    void statementsThatReadAreRecognisedPastCommentsAndParentheses(String sql) {
        assertThat(SqlText.reads(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DELETE FROM t",
        "/* SELECT */ UPDATE t SET a = 1",
        "-- SELECT\nINSERT INTO t VALUES (1)",
        "EXPLAIN ANALYZE DELETE FROM t",
        "CALL do_things()",
        "DROP TABLE t",
        "",
        "-- only a comment",
    })
    void everythingElseIsNotAReadingStatement(String sql) {
        assertThat(SqlText.reads(sql)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "SELECT 1;",
        "SELECT 1 ; -- done\n",
        "SELECT ';' FROM t WHERE a = 'x;y'",
        "SELECT \"odd;name\" FROM t",
        "SELECT 'it''s; fine'",
        "SELECT 1 /* ; */",
    })
    void oneStatementMayHaveSemicolonsInQuotesAndComments(String sql) {
        assertThat(SqlText.isSingleStatement(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; DROP TABLE t",
        "SELECT 'a''; DROP TABLE t; --'; DELETE FROM t",
        "SELECT 1;/**/SELECT 2",
        "SELECT $$;$$",
        "",
        "  ; ",
    })
    void twoStatementsOrNoneAreNotOneStatement(String sql) {
        assertThat(SqlText.isSingleStatement(sql)).isFalse();
    }
}
