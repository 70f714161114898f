package procos.das.rag;

import java.util.Map;

/**
 * A chunk an answer rests on.
 *
 * @param number    how the answer refers to it: {@code [number]}
 * @param chunkId   the chunk's id in the vector store
 * @param sourceId  the file or URL it was cut from
 * @param position  its ordinal within the source
 * @param relevance cosine similarity of the chunk to the question, -1 to 1
 * @param text      the chunk's text
 * @param metadata  the chunk's metadata ({@code heading}, {@code char_start}, {@code char_end}, …), so a
 *                  citation can say where in its source the passage is
 */
public record Citation(int number, String chunkId, String sourceId, int position, double relevance, String text,
                       Map<String, String> metadata) {

    public Citation {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A citation without metadata. */
    public Citation(int number, String chunkId, String sourceId, int position, double relevance, String text) {
        this(number, chunkId, sourceId, position, relevance, text, Map.of());
    }

    /** The longest {@link #snippet()}, in characters. */
    public static final int SNIPPET_CHARS = 300;

    /** The passage on one line, cut to {@value #SNIPPET_CHARS} characters: what a person sees of it beside an answer. */
    public String snippet() {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS - 1) + "…";
    }

    /** The same chunk under another number, as an answer that cites only some sources numbers them. */
    public Citation numbered(int newNumber) {
        return new Citation(newNumber, chunkId, sourceId, position, relevance, text, metadata);
    }
}
