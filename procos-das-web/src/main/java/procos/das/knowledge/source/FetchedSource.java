package procos.das.knowledge.source;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** A document a {@link DocumentFetcher} brought back, held in memory (fetches are size-capped). */
public record FetchedSource(URI uri, FetchedDocument document) implements Source {

    public FetchedSource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(document, "document");
    }

    @Override
    public String id() {
        return uri.toString();
    }

    @Override
    public String name() {
        String path = uri.getPath();
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public Optional<String> declaredContentType() {
        return document.contentType();
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(document.body());
    }
}
