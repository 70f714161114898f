package procos.das.knowledge.source;

import java.util.Objects;
import java.util.Optional;

/**
 * What a fetch returned.
 *
 * @param body        the response body (the fetcher enforces its own size cap)
 * @param contentType the declared {@code Content-Type}, when the origin sent one
 */
public record FetchedDocument(byte[] body, Optional<String> contentType) {

    public FetchedDocument {
        Objects.requireNonNull(body, "body");
        contentType = contentType == null ? Optional.empty() : contentType;
    }
}
