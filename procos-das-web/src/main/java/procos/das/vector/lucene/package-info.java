/**
 * The embedded default vector store: a persistent on-disk Apache Lucene index holding, per chunk,
 * an HNSW vector (cosine), a BM25 text field and the chunk's stored fields. Nothing to install; one
 * directory per repository.
 */
package procos.das.vector.lucene;
