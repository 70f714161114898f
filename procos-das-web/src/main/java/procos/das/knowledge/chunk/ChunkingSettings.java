package procos.das.knowledge.chunk;

/**
 * How large chunks are.
 *
 * @param maxTokens     the most tokens in one chunk
 * @param overlapTokens at most this many tokens of whole sentences are repeated at the start of the
 *                      next chunk when a passage is cut for size (never across a heading)
 */
public record ChunkingSettings(int maxTokens, int overlapTokens) {

    /**
     * 256 tokens: all-MiniLM-L6-v2 was trained with a 256-token window (sentence-transformers
     * truncates there), so longer chunks would be embedded by text the model was not tuned for.
     * 32 tokens of overlap keeps a sentence cut at a boundary findable from either side.
     */
    public static final ChunkingSettings DEFAULT = new ChunkingSettings(256, 32);

    /** Characters per token far beyond any natural text; caps chunks of text the tokenizer maps to a few unknown tokens. */
    static final int MAX_CHARS_PER_TOKEN = 10;

    public ChunkingSettings {
        if (maxTokens < 8) {
            throw new IllegalArgumentException("max_tokens must be at least 8, got " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("overlap_tokens must be from 0 to less than half of max_tokens ("
                    + maxTokens + "), got " + overlapTokens);
        }
    }

    int maxChars() {
        return maxTokens * MAX_CHARS_PER_TOKEN;
    }
}
