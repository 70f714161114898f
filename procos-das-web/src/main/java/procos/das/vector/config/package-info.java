/** Which vector store runs, chosen by MicroProfile Config keys ({@code procos.vector.*}, {@code procos.milvus.*}). */
package procos.das.vector.config;
