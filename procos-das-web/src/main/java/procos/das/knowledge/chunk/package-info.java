/**
 * Cutting text into chunks for embedding: Markdown headings, then paragraphs, then sentences
 * ({@link java.text.BreakIterator}), then a hard split, each chunk at most a configured number of
 * tokens as the embedding model's own tokenizer counts them, with sentence overlap, heading path and
 * character offsets.
 */
package procos.das.knowledge.chunk;
