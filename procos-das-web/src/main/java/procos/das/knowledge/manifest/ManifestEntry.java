package procos.das.knowledge.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the manifest.
 *
 * @param source    the source id (absolute path or URL)
 * @param sha256    the hash of the content this entry describes
 * @param chunks    how many chunks of this source are in the vector store
 * @param model     the embedding model of those chunks
 * @param timestamp when this entry was written
 * @param status    indexed, empty or failed
 * @param error     why it failed ({@code CODE: message}); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(
        @JsonProperty("source") String source,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("chunks") int chunks,
        @JsonProperty("model") String model,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("status") SourceStatus status,
        @JsonProperty("error") String error) {

    public ManifestEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        if (chunks < 0) {
            throw new IllegalArgumentException("chunks must be 0 or more, got " + chunks);
        }
    }

    /** Whether this entry already covers content with {@code sha256} embedded by {@code model}, so it can be skipped. */
    public boolean covers(String otherSha256, String otherModel) {
        return status != SourceStatus.FAILED && sha256.equals(otherSha256)
                && (status == SourceStatus.EMPTY || Objects.equals(model, otherModel));
    }
}
