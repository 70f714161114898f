/**
 * Knowledge ingestion: files, folders and fetched URLs become chunks with embeddings in the
 * {@link procos.das.vector.VectorRepository}. {@link procos.das.knowledge.KnowledgeIngestor} runs
 * the pipeline read → chunk → embed → store, re-indexing only what changed since the manifest
 * was last written.
 */
package procos.das.knowledge;
