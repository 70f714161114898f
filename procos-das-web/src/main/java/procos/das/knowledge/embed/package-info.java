/**
 * Turning chunk texts into vectors: the {@link procos.das.knowledge.embed.Embedder} interface and
 * the in-process ONNX models langchain4j ships in Maven jars (offline, nothing to install).
 */
package procos.das.knowledge.embed;
