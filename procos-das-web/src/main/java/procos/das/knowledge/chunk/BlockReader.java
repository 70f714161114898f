package procos.das.knowledge.chunk;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams text as blocks: a Markdown heading line, or a paragraph (lines up to a blank line). The
 * blank lines after a block belong to it, so consecutive blocks are contiguous and a chunk's text is
 * an exact slice of the source. Only one block is held at a time; a paragraph longer than
 * {@link #MAX_BLOCK_CHARS} is handed out in pieces of about that size, so a file without blank
 * lines (or without any line break) never has to fit in memory.
 */
final class BlockReader {

    static final int MAX_BLOCK_CHARS = 64 * 1024;

    /** ATX heading: up to three spaces, 1–6 '#', a space, the title, optional closing '#'s. */
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*\\r?\\n?$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*\\r?\\n?$");

    /** A heading ({@code headingLevel} 1–6) or a paragraph piece ({@code headingLevel} 0). */
    record Block(String text, long start, int headingLevel, String headingTitle) {
        boolean isHeading() {
            return headingLevel > 0;
        }
    }

    private record Line(String text, long start, int headingLevel, String headingTitle) {
        boolean isBlank() {
            return text.isBlank();
        }
    }

    private final Reader in;
    private final boolean markdown;
    private final char[] buffer = new char[8192];
    private int bufferPosition;
    private int bufferLength;
    private long offset;
    private boolean inFence;
    private boolean atLineStart = true;
    private Line pushedBack;

    BlockReader(Reader in, boolean markdown) {
        this.in = in;
        this.markdown = markdown;
    }

    /** The next block, or {@code null} at the end of the text. */
    Block next() throws IOException {
        Line first = nextLine();
        while (first != null && first.isBlank()) {
            first = nextLine();
        }
        if (first == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(first.text());
        if (first.headingLevel() > 0) {
            absorbBlankLines(text);
            return new Block(text.toString(), first.start(), first.headingLevel(), first.headingTitle());
        }
        for (Line line; text.length() < MAX_BLOCK_CHARS && (line = nextLine()) != null; ) {
            if (line.headingLevel() > 0) {
                pushedBack = line;
                break;
            }
            text.append(line.text());
            if (line.isBlank()) {
                absorbBlankLines(text);
                break;
            }
        }
        return new Block(text.toString(), first.start(), 0, "");
    }

    private void absorbBlankLines(StringBuilder text) throws IOException {
        for (Line line; (line = nextLine()) != null; ) {
            if (!line.isBlank()) {
                pushedBack = line;
                return;
            }
            text.append(line.text());
        }
    }

    /** A line with its terminator, or a piece of {@link #MAX_BLOCK_CHARS} of a longer one. */
    private Line nextLine() throws IOException {
        if (pushedBack != null) {
            Line line = pushedBack;
            pushedBack = null;
            return line;
        }
        StringBuilder line = new StringBuilder();
        long start = offset;
        while (line.length() < MAX_BLOCK_CHARS) {
            if (bufferPosition == bufferLength) {
                bufferLength = in.read(buffer);
                bufferPosition = 0;
                if (bufferLength <= 0) {
                    bufferLength = 0;
                    break;
                }
            }
            char c = buffer[bufferPosition++];
            line.append(c);
            if (c == '\n') {
                break;
            }
        }
        if (line.isEmpty()) {
            return null;
        }
        offset += line.length();
        boolean wholeLineStart = atLineStart;
        atLineStart = line.charAt(line.length() - 1) == '\n';
        return classify(line.toString(), start, wholeLineStart);
    }

    /** Headings and fences only count at the start of a line, not in the middle of a cut long line. */
    private Line classify(String text, long start, boolean lineStart) {
        if (!markdown || !lineStart) {
            return new Line(text, start, 0, "");
        }
        if (FENCE.matcher(text).matches()) {
            inFence = !inFence;
            return new Line(text, start, 0, "");
        }
        Matcher heading = inFence ? null : HEADING.matcher(text);
        if (heading != null && heading.matches() && !heading.group(2).isBlank()) {
            return new Line(text, start, heading.group(1).length(), heading.group(2).strip());
        }
        return new Line(text, start, 0, "");
    }
}
