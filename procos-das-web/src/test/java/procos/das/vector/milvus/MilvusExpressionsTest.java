package procos.das.vector.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusExpressionsTest {

    @Test
    void filtersBecomeExactMatchesJoinedByAnd() {
        assertThat(MilvusExpressions.filter(Map.of("source_id", "docs/a.md", "lang", "en")))
                .isEqualTo("metadata[\"lang\"] == \"en\" && source_id == \"docs/a.md\"");
    }

    @Test
    void noFiltersMatchEverything() {
        assertThat(MilvusExpressions.filter(Map.of())).isEmpty();
    }

    @Test
    void quotesAndBackslashesCannotEndTheLiteral() {
        assertThat(MilvusExpressions.literal("x\" || id != \"")).isEqualTo("\"x\\\" || id != \\\"\"");
        assertThat(MilvusExpressions.literal("C:\\docs\\")).isEqualTo("\"C:\\\\docs\\\\\"");
        assertThat(MilvusExpressions.literal("it's")).isEqualTo("\"it's\"");
    }

    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertThat(MilvusExpressions.literal("a\nb\r\tc\u0000d\u007f")).isEqualTo("\"a\\nb\\r\\tc\\u0000d\\u007f\"");
    }

    @Test
    void textBeyondAsciiPassesUnchanged() {
        assertThat(MilvusExpressions.literal("Größe – 大小 😀")).isEqualTo("\"Größe – 大小 😀\"");
    }

    @Test
    void metadataKeysAreEscapedToo() {
        assertThat(MilvusExpressions.filter(Map.of("we\"ird]", "v")))
                .isEqualTo("metadata[\"we\\\"ird]\"] == \"v\"");
    }

    @Test
    void staleChunksAreThoseOfTheSourceNotKept() {
        assertThat(MilvusExpressions.staleChunksOf("doc", List.of("doc#0", "doc\"#1")))
                .isEqualTo("source_id == \"doc\" && id not in [\"doc#0\", \"doc\\\"#1\"]");
        assertThat(MilvusExpressions.staleChunksOf("doc", List.of())).isEqualTo("source_id == \"doc\"");
    }
}
