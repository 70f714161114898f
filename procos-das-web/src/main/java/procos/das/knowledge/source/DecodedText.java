package procos.das.knowledge.source;

import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;

/**
 * A text source opened for streaming.
 *
 * @param reader  the characters, byte order mark removed; the caller closes it
 * @param charset the charset it is decoded with
 * @param note    why the charset is not the declared or obvious one, for the report
 */
public record DecodedText(Reader reader, Charset charset, Optional<String> note) {

    public DecodedText {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(charset, "charset");
        note = note == null ? Optional.empty() : note;
    }
}
