package procos.das.knowledge.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private static WordPieceTokenCounter tokens;

    @BeforeAll
    static void loadTokenizer() {
        tokens = new WordPieceTokenCounter();
    }

    private static List<TextChunk> chunk(String text, boolean markdown, ChunkingSettings settings) throws IOException {
        List<TextChunk> chunks = new ArrayList<>();
        new Chunker(tokens, settings).chunk(new StringReader(text), markdown, chunks::add);
        return chunks;
    }

    @Test
    void emptyOrBlankTextGivesNoChunks() throws IOException {
        assertThat(chunk("", true, ChunkingSettings.DEFAULT)).isEmpty();
        assertThat(chunk(" \n\n\t\n", true, ChunkingSettings.DEFAULT)).isEmpty();
    }

    @Test
    void oneLineFileGivesOneChunkWithItsOffsets() throws IOException {
        List<TextChunk> chunks = chunk("Only one line here.\n", false, ChunkingSettings.DEFAULT);

        assertThat(chunks).singleElement().satisfies(only -> {
            assertThat(only.text()).isEqualTo("Only one line here.");
            assertThat(only.position()).isZero();
            assertThat(only.charStart()).isZero();
            assertThat(only.charEnd()).isEqualTo(19);
            assertThat(only.tokens()).isEqualTo(tokens.count("Only one line here.\n"));
            assertThat(only.headingPath()).isEmpty();
        });
    }

    @Test
    void markdownHeadingsStartChunksAndRecordTheirPath() throws IOException {
        String text = """
                # Guide

                ## Install

                Run the installer.

                ### Linux

                Use the package.

                ## Use

                Start it.
                """;

        List<TextChunk> chunks = chunk(text, true, ChunkingSettings.DEFAULT);

        assertThat(chunks).extracting(TextChunk::heading)
                .containsExactly("Guide > Install", "Guide > Install > Linux", "Guide > Use");
        assertThat(chunks.get(0).text()).isEqualTo("# Guide\n\n## Install\n\nRun the installer.");
        assertThat(chunks.get(1).text()).isEqualTo("### Linux\n\nUse the package.");
        assertThat(chunks).extracting(TextChunk::position).containsExactly(0, 1, 2);
    }

    @Test
    void aHashInsideACodeFenceIsNotAHeading() throws IOException {
        String text = "# Script\n\n```sh\n# not a heading\necho hi\n```\n";

        List<TextChunk> chunks = chunk(text, true, ChunkingSettings.DEFAULT);

        assertThat(chunks).singleElement().satisfies(only -> assertThat(only.heading()).isEqualTo("Script"));
    }

    @Test
    void plainTextHashesAreNotHeadings() throws IOException {
        List<TextChunk> chunks = chunk("# not markdown\n\nbody\n", false, ChunkingSettings.DEFAULT);

        assertThat(chunks).singleElement().satisfies(only -> assertThat(only.headingPath()).isEmpty());
    }

    @Test
    void everyChunkIsTheExactSliceOfTheTextBetweenItsOffsets() throws IOException {
        StringBuilder text = new StringBuilder("# Title\r\n\r\n");
        for (int i = 0; i < 40; i++) {
            text.append("Paragraph ").append(i).append(" has a first sentence. And a second one, somewhat longer.\r\n\r\n\r\n");
        }

        List<TextChunk> chunks = chunk(text.toString(), true, new ChunkingSettings(64, 16));

        assertThat(chunks).hasSizeGreaterThan(5);
        for (TextChunk chunk : chunks) {
            assertThat(text.substring((int) chunk.charStart(), (int) chunk.charEnd())).isEqualTo(chunk.text());
        }
    }

    @Test
    void longProseIsCutAtSentencesWithinMaxTokensAndOverlaps() throws IOException {
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            paragraph.append("Sentence number ").append(i).append(" talks about topic ").append(i % 7).append(". ");
        }
        ChunkingSettings settings = new ChunkingSettings(48, 12);

        List<TextChunk> chunks = chunk(paragraph.toString(), false, settings);

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(tokens.count(chunk.text())).isLessThanOrEqualTo(settings.maxTokens());
            assertThat(chunk.text()).startsWith("Sentence number").endsWith(".");
        });
        for (int i = 1; i < chunks.size(); i++) {
            TextChunk previous = chunks.get(i - 1);
            TextChunk next = chunks.get(i);
            assertThat(next.charStart()).as("chunk %d starts inside the previous one (overlap)", i)
                    .isLessThan(previous.charEnd()).isGreaterThan(previous.charStart());
        }
    }

    @Test
    void textWithoutSentenceBreaksIsHardSplitAtMaxTokens() throws IOException {
        String words = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(200);
        String noSpaces = "x".repeat(5_000);
        ChunkingSettings settings = new ChunkingSettings(64, 8);

        List<TextChunk> wordChunks = chunk(words, false, settings);
        List<TextChunk> blobChunks = chunk(noSpaces, false, settings);

        assertThat(wordChunks).hasSizeGreaterThan(10).allSatisfy(chunk -> {
            assertThat(tokens.count(chunk.text())).isLessThanOrEqualTo(64);
            assertThat(chunk.text()).doesNotStartWith(" ");
        });
        assertThat(wordChunks.get(0).tokens()).isGreaterThan(48);
        assertThat(String.join(" ", wordChunks.stream().map(TextChunk::text).toList()))
                .isEqualTo(words.strip());
        // WordPiece sees a 5,000-character word as one unknown token: the character cap still cuts it.
        assertThat(blobChunks).hasSizeGreaterThan(1)
                .allSatisfy(chunk -> assertThat(chunk.text().length()).isLessThanOrEqualTo(64 * ChunkingSettings.MAX_CHARS_PER_TOKEN));
        assertThat(blobChunks.stream().mapToInt(chunk -> chunk.text().length()).sum()).isEqualTo(5_000);
    }

    @Test
    void nonAsciiTextKeepsSurrogatePairsWhole() throws IOException {
        String emoji = "\uD83D\uDE00".repeat(2_000);

        List<TextChunk> chunks = chunk(emoji, false, new ChunkingSettings(16, 0));

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(Character.isLowSurrogate(chunk.text().charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(chunk.text().charAt(chunk.text().length() - 1))).isFalse();
        });
        assertThat(String.join("", chunks.stream().map(TextChunk::text).toList())).isEqualTo(emoji);
    }
}
