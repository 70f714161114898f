/**
 * The vector layer: {@link procos.das.vector.VectorRepository} and its implementations (embedded
 * on-disk index by default, Milvus by configuration).
 */
package procos.das.vector;
