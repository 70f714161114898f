package procos.das.vector.archive;

/**
 * What an archive says about itself on its first line.
 *
 * @param dimension the dimension of every vector in it
 * @param count     how many chunks follow
 */
public record ArchiveHeader(int dimension, long count) {
}
