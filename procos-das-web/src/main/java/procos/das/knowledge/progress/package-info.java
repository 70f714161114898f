/**
 * How far an ingestion has got: {@link procos.das.knowledge.progress.ProgressSnapshot}s handed to
 * {@link procos.das.knowledge.progress.ProgressListener}s (logs today; metrics and process
 * variables can listen the same way).
 */
package procos.das.knowledge.progress;
