package procos.das.knowledge.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * One document to ingest. Its bytes can be read more than once (once to fingerprint it, again to
 * parse it), so a source is a file or bytes already fetched, never a one-shot stream.
 */
public interface Source {

    /** The id chunks and manifest entries carry: a file's absolute path or a URL. */
    String id();

    /** The name whose extension hints at the content type (a file name, a URL's last segment). */
    String name();

    /** The content type the origin declared (an HTTP {@code Content-Type}), if any. */
    default Optional<String> declaredContentType() {
        return Optional.empty();
    }

    /** A fresh stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;
}
