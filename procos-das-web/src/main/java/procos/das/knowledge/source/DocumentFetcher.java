package procos.das.knowledge.source;

import java.net.URI;

/**
 * Fetches a document by URL. Knowledge ingestion never opens network connections itself: the
 * implementation decides which hosts may be reached, how long a fetch may take and how large a
 * body may be (the PDE HTTP endpoint, with its host allowlist, is the intended one).
 */
public interface DocumentFetcher {

    /**
     * @throws SourceException when the document cannot be fetched (host not allowed, HTTP error,
     *                         too large); the message says why and is shown to the user as is
     */
    FetchedDocument fetch(URI uri) throws SourceException;
}
