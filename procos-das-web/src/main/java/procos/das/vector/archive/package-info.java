/**
 * One-file export of a vector repository: every chunk with its vector, a header naming format,
 * version, dimension and count, and a SHA-256 over the content, so an import can refuse a damaged
 * or foreign file before it replaces anything.
 */
package procos.das.vector.archive;
