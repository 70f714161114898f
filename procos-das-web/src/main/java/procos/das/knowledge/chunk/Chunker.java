package procos.das.knowledge.chunk;

import java.io.IOException;
import java.io.Reader;
import java.text.BreakIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts a text into {@link TextChunk}s at the most meaningful boundary that keeps each chunk within
 * {@link ChunkingSettings#maxTokens()}: a Markdown heading always starts a new chunk; within a
 * section, whole paragraphs are packed together; a paragraph too large is cut into sentences
 * ({@link BreakIterator}); a sentence too large is cut at the last space before the limit, or
 * anywhere if it has none. When a passage is cut for size, its last sentences (up to
 * {@link ChunkingSettings#overlapTokens()}) start the next chunk too.
 *
 * <p>langchain4j's {@code DocumentSplitters.recursive} was measured for this and not used: it
 * merges a heading into the previous paragraph, rewrites whitespace (so chunks are not slices of
 * the source and have no offsets), drops the overlap when it falls back to words, refuses blank
 * text, and needs the whole document as one string.
 *
 * <p>The text is streamed: memory holds one block (at most {@link BlockReader#MAX_BLOCK_CHARS}) and
 * one chunk, whatever the size of the source. State lives in each call, so one instance serves
 * any number of threads.
 */
public final class Chunker {

    private final TokenCounter counter;
    private final ChunkingSettings settings;

    public Chunker(TokenCounter counter, ChunkingSettings settings) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Reads {@code text} to its end and hands each chunk to {@code sink} as soon as it is complete.
     *
     * @param markdown whether {@code #} headings structure the text
     * @return how many chunks were produced (0 for empty or blank text)
     */
    public int chunk(Reader text, boolean markdown, Consumer<TextChunk> sink) throws IOException {
        Run run = new Run(sink);
        BlockReader blocks = new BlockReader(text, markdown);
        for (BlockReader.Block block; (block = blocks.next()) != null; ) {
            if (block.isHeading()) {
                run.heading(block);
            } else {
                addPassage(run, block.text(), block.start());
            }
        }
        run.flush(false);
        return run.position;
    }

    /** A paragraph: whole if it fits, else sentence by sentence. */
    private void addPassage(Run run, String text, long start) {
        int tokens = counter.count(text);
        if (fits(tokens, text.length())) {
            run.add(new Unit(text, start, tokens, true));
            return;
        }
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        for (int from = sentences.first(), to = sentences.next(); to != BreakIterator.DONE; from = to, to = sentences.next()) {
            String sentence = text.substring(from, to);
            int sentenceTokens = counter.count(sentence);
            if (fits(sentenceTokens, sentence.length())) {
                run.add(new Unit(sentence, start + from, sentenceTokens, true));
            } else {
                hardSplit(run, sentence, start + from, sentenceTokens);
            }
        }
    }

    /**
     * Cuts a sentence with no usable boundary into pieces of at most the limit. The cut point is
     * estimated from the tokens per character of what is left, moved back to a space when one is
     * near, and shrunk until the piece fits, so each piece costs a couple of token counts.
     */
    private void hardSplit(Run run, String text, long start, int tokens) {
        int from = 0;
        int remainingTokens = tokens;
        while (from < text.length()) {
            String rest = text.substring(from);
            if (fits(remainingTokens, rest.length())) {
                int restTokens = counter.count(rest);
                if (restTokens <= settings.maxTokens()) {
                    run.add(new Unit(rest, start + from, restTokens, false));
                    return;
                }
                remainingTokens = restTokens;
            }
            int estimate = (int) Math.min(settings.maxChars(),
                    (long) rest.length() * settings.maxTokens() / Math.max(1, remainingTokens));
            int cut = Math.max(1, Math.min(estimate, rest.length()));
            String piece;
            int pieceTokens;
            while (true) {
                int at = breakBefore(rest, cut);
                piece = rest.substring(0, at);
                pieceTokens = counter.count(piece);
                if (fits(pieceTokens, piece.length()) || at == 1) {
                    break;
                }
                cut = Math.max(1, at * 9 / 10);
            }
            run.add(new Unit(piece, start + from, pieceTokens, false));
            from += piece.length();
            remainingTokens = Math.max(1, remainingTokens - pieceTokens);
        }
    }

    /** Just after the last whitespace in the second half of {@code text[0, cut)}, else {@code cut} (never inside a surrogate pair). */
    private static int breakBefore(String text, int cut) {
        for (int i = cut - 1; i > cut / 2; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return cut > 1 && Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut;
    }

    private boolean fits(int tokens, int chars) {
        return tokens <= settings.maxTokens() && chars <= settings.maxChars();
    }

    /**
     * A contiguous slice of the text that is never cut further: a paragraph, a sentence, a heading
     * or a hard-split piece. Only paragraphs and sentences are {@code repeatable} as overlap.
     */
    private record Unit(String text, long start, int tokens, boolean repeatable) {
        long end() {
            return start + text.length();
        }
    }

    /** The state of one {@link #chunk} call: the chunk being filled and the heading path. */
    private final class Run {

        private final Consumer<TextChunk> sink;
        private final Deque<Unit> units = new ArrayDeque<>();
        private final List<String> headingPath = new ArrayList<>();
        private int tokens;
        private int chars;
        private boolean hasContent;
        private int position;

        Run(Consumer<TextChunk> sink) {
            this.sink = sink;
        }

        /** A heading closes the chunk before it (no overlap across sections) unless that chunk is only headings. */
        void heading(BlockReader.Block block) {
            if (hasContent) {
                flush(false);
            }
            while (headingPath.size() >= block.headingLevel()) {
                headingPath.remove(headingPath.size() - 1);
            }
            while (headingPath.size() < block.headingLevel() - 1) {
                headingPath.add("");
            }
            headingPath.add(block.headingTitle());
            int headingTokens = counter.count(block.text());
            Unit unit = new Unit(block.text(), block.start(), headingTokens, false);
            if (!fits(tokens + headingTokens, chars + unit.text().length())) {
                flush(false);
            }
            append(unit);
        }

        void add(Unit unit) {
            if (!units.isEmpty() && !fits(tokens + unit.tokens(), chars + unit.text().length())) {
                flush(true);
                while (!units.isEmpty() && !fits(tokens + unit.tokens(), chars + unit.text().length())) {
                    drop(units.removeFirst());
                }
            }
            append(unit);
            hasContent = true;
        }

        private void append(Unit unit) {
            units.addLast(unit);
            tokens += unit.tokens();
            chars += unit.text().length();
        }

        private void drop(Unit unit) {
            tokens -= unit.tokens();
            chars -= unit.text().length();
        }

        /** Emits the chunk; with {@code overlap}, keeps its last sentences to start the next one. */
        void flush(boolean overlap) {
            if (units.isEmpty()) {
                return;
            }
            emit();
            Deque<Unit> carried = new ArrayDeque<>();
            int carriedTokens = 0;
            if (overlap) {
                for (Unit unit = units.pollLast(); unit != null && unit.repeatable()
                        && carriedTokens + unit.tokens() <= settings.overlapTokens(); unit = units.pollLast()) {
                    carried.addFirst(unit);
                    carriedTokens += unit.tokens();
                }
            }
            units.clear();
            tokens = 0;
            chars = 0;
            hasContent = false;
            carried.forEach(this::append);
        }

        private void emit() {
            StringBuilder text = new StringBuilder(chars);
            units.forEach(unit -> text.append(unit.text()));
            int lead = 0;
            while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
                lead++;
            }
            int trail = text.length();
            while (trail > lead && Character.isWhitespace(text.charAt(trail - 1))) {
                trail--;
            }
            if (lead == trail) {
                return;
            }
            long start = units.getFirst().start();
            sink.accept(new TextChunk(text.substring(lead, trail), headingPath.stream().filter(h -> !h.isEmpty()).toList(),
                    position++, start + lead, start + trail, tokens));
        }
    }
}
