package procos.das.knowledge.chunk;

import java.util.List;
import java.util.Objects;

/**
 * One chunk of a source's text, before it is embedded.
 *
 * @param text        the passage, exactly as it stands in the source's text between the offsets
 * @param headingPath the Markdown headings it sits under, outermost first; empty when none
 * @param position    its ordinal in the source, from 0
 * @param charStart   offset of its first character in the source's text
 * @param charEnd     offset just past its last character
 * @param tokens      its size in tokens (the sum over its sentences)
 */
public record TextChunk(String text, List<String> headingPath, int position, long charStart, long charEnd, int tokens) {

    public TextChunk {
        Objects.requireNonNull(text, "text");
        headingPath = List.copyOf(headingPath);
    }

    /** The heading path as one line, e.g. {@code Install > Linux}. */
    public String heading() {
        return String.join(" > ", headingPath);
    }
}
