package procos.das.knowledge.chunk;

/** Counts tokens the way the embedding model will see them, so a chunk's size limit means something. */
@FunctionalInterface
public interface TokenCounter {

    /** The number of tokens in {@code text}, without the model's special tokens; 0 for empty text. */
    int count(String text);
}
