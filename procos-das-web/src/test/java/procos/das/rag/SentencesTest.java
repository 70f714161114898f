package procos.das.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void headingOfAChunkIsNeitherASentenceNorPartOfTheFirstOne() {
        String chunk = """
                # Korvath lighthouse

                The Korvath lighthouse was built in 1872 by the engineer Mirela Tosk. Its lamp can be seen from
                31 kilometres away on a clear night.

                ## Keepers
                The last keeper, Anselm Brack, left in 1994.
                """;

        assertThat(Sentences.of(chunk)).containsExactly(
                "The Korvath lighthouse was built in 1872 by the engineer Mirela Tosk.",
                "Its lamp can be seen from 31 kilometres away on a clear night.",
                "The last keeper, Anselm Brack, left in 1994.");
    }

    @Test
    void paragraphWithoutClosingPunctuationEndsAtTheBlankLine() {
        assertThat(Sentences.of("Release notes\n\nThe server starts faster\n\nIt also stops cleanly."))
                .containsExactly("Release notes", "The server starts faster", "It also stops cleanly.");
    }

    @Test
    void listItemsAreSentencesOfTheirOwnWithoutTheirMarkers() {
        String chunk = """
                Ports:
                - 9080 serves HTTP
                - 9443 serves HTTPS,
                  with the same routes
                2) 50051 serves gRPC
                """;

        assertThat(Sentences.of(chunk)).containsExactly("Ports:", "9080 serves HTTP", "9443 serves HTTPS, with the same routes",
                "50051 serves gRPC");
    }

    @Test
    void rulesFencesAndTableBordersEndABlock() {
        assertThat(Sentences.of("First part\n---\nSecond part\n```\nthird part\n|---|---|\nfourth part"))
                .containsExactly("First part", "Second part", "third part", "fourth part");
    }

    @Test
    void withinAParagraphTheJdkRulesStillApply() {
        assertThat(Sentences.of("Version 2.5 was released in May. It runs on\nJava 17 and later! Does it? Yes."))
                .containsExactly("Version 2.5 was released in May.", "It runs on Java 17 and later!", "Does it?", "Yes.");
    }

    @Test
    void hashWithoutASpaceIsNotAHeading() {
        assertThat(Sentences.of("#1 priority is uptime.\n#procos is the channel.")).containsExactly(
                "#1 priority is uptime.", "#procos is the channel.");
    }
}
