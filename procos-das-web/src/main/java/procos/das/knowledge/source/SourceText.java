package procos.das.knowledge.source;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Objects;

/**
 * The readable text of a source, ready for chunking.
 *
 * @param type  what the source was detected as
 * @param text  its characters, streamed for text files; the caller closes it
 * @param notes what the report should say about how it was read (a charset fallback, for example)
 */
public record SourceText(ContentType type, Reader text, List<String> notes) implements AutoCloseable {

    public SourceText {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
