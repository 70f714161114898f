package procos.das.knowledge.chunk;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;

/**
 * Counts with the BERT uncased WordPiece tokenizer that langchain4j ships with its in-process
 * embedding models; all-MiniLM-L6-v2 (full and quantized) uses this vocabulary, so the counts are
 * the model's own. Loading takes a few seconds (native library); share one instance.
 */
public final class WordPieceTokenCounter implements TokenCounter {

    private final HuggingFaceTokenCountEstimator estimator = new HuggingFaceTokenCountEstimator();

    @Override
    public int count(String text) {
        return text.isEmpty() ? 0 : estimator.estimateTokenCountInText(text);
    }
}
