package procos.das.rag;

/**
 * A chunk an answer rests on.
 *
 * @param number    how the answer refers to it: {@code [number]}
 * @param chunkId   the chunk's id in the vector store
 * @param sourceId  the file or URL it was cut from
 * @param position  its ordinal within the source
 * @param relevance cosine similarity of the chunk to the question, -1 to 1
 * @param text      the chunk's text
 */
public record Citation(int number, String chunkId, String sourceId, int position, double relevance, String text) {

    /** The same chunk under another number, as an answer that cites only some sources numbers them. */
    public Citation numbered(int newNumber) {
        return new Citation(newNumber, chunkId, sourceId, position, relevance, text);
    }
}
