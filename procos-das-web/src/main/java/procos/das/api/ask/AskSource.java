package procos.das.api.ask;

/**
 * A passage an answer cites.
 *
 * @param n         how the answer refers to it: {@code [n]}
 * @param source    the source's location (relative to the knowledge folder, or its URL)
 * @param title     the passage's heading, else the source's name
 * @param snippet   the start of the passage; null when the answer was read back from a process
 * @param position  where in the source: {@code chars 120-560 | chunk 3}, or {@code chunk 3}
 * @param relevance cosine similarity of passage and question
 */
public record AskSource(int n, String source, String title, String snippet, String position, double relevance) {
}
