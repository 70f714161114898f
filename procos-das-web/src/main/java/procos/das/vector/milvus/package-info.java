/**
 * The Milvus vector store, selected by configuration when one machine is not enough: the same
 * {@link procos.das.vector.VectorRepository} contract on a Milvus 2.5+ server (dense HNSW search,
 * server-side BM25 for hybrid search), through {@code milvus-sdk-java}.
 */
package procos.das.vector.milvus;
