package procos.pde.endpoint.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * What can be told about a statement from its text alone: its leading keyword (after comments,
 * blanks and opening parentheses) and whether it is one statement. Quoted strings, quoted
 * identifiers and comments are skipped, so a {@code ;} or a keyword inside them counts for nothing.
 * PostgreSQL dollar quoting is not understood: a {@code ;} inside {@code $$ … $$} makes the text
 * look like two statements, which refuses it rather than letting anything through.
 */
final class SqlText {

    /**
     * Statements that read. {@code EXPLAIN} is not among them: {@code EXPLAIN ANALYZE DELETE …}
     * runs the delete on PostgreSQL.
     */
    private static final Set<String> READING = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW");

    private SqlText() {
    }

    /** The first keyword, upper case, or empty if there is none. */
    static String leadingKeyword(String sql) {
        int i = skipBlanksAndComments(sql, 0);
        while (i < sql.length() && sql.charAt(i) == '(') {
            i = skipBlanksAndComments(sql, i + 1);
        }
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /**
     * Whether the statement only reads by its keyword. {@code WITH} may still hide a data-changing
     * statement on PostgreSQL; the read-only transaction the endpoint runs it in is what stops that.
     */
    static boolean reads(String sql) {
        return READING.contains(leadingKeyword(sql));
    }

    /** Whether the text holds exactly one statement: nothing but blanks, comments and {@code ;} after the first {@code ;}. */
    static boolean isSingleStatement(String sql) {
        int i = 0;
        boolean ended = false;
        while (i < sql.length()) {
            int next = skipBlanksAndComments(sql, i);
            if (next != i) {
                i = next;
                continue;
            }
            char c = sql.charAt(i);
            if (c == ';') {
                ended = true;
                i++;
            } else if (ended) {
                return false;
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else {
                i++;
            }
        }
        return !leadingKeyword(sql).isEmpty();
    }

    private static int skipBlanksAndComments(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                return i;
            }
        }
        return i;
    }

    /** The index after the quoted text starting at {@code from}; a doubled quote stays inside. */
    private static int skipQuoted(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
