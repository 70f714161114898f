package procos.das.vector.config;

/** The vector store implementations that configuration can select. */
public enum VectorStoreKind {
    /** The on-disk Lucene index in {@code procos.vector.dir}: nothing to install. */
    EMBEDDED,
    /** A Milvus server at {@code procos.milvus.uri}. */
    MILVUS
}
