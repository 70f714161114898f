package procos.das.api.knowledge;

/**
 * An upload that was stored and is being indexed.
 *
 * @param source the stored file as a source, pending until its job indexed it
 * @param job    the job indexing it
 */
public record UploadAccepted(KnowledgeSource source, JobView job) {
}
