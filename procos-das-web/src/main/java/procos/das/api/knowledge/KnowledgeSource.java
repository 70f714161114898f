package procos.das.api.knowledge;

import java.time.Instant;

/**
 * A source of the knowledge base.
 *
 * @param id          stable id of the source for this API
 * @param name        its file name (or a URL's last part)
 * @param location    its path relative to the knowledge folder, or its id when outside it (a URL)
 * @param status      {@code indexed}, {@code pending}, {@code failed} or {@code removed}
 * @param sizeBytes   the file's size now; null when there is no file to measure
 * @param chunks      its chunks in the vector index
 * @param lastIndexed when it was last indexed (or removed); null while pending
 * @param error       why indexing failed, else null
 */
public record KnowledgeSource(String id, String name, String location, String status, Long sizeBytes, int chunks,
                              Instant lastIndexed, String error) {
}
