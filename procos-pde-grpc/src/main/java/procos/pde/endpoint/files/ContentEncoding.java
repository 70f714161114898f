package procos.pde.endpoint.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import procos.pde.endpoint.EndpointException;
import procos.pde.endpoint.InvokeInputs;

/**
 * How file content travels in a task's inputs and outputs, which are text: {@code utf-8} for text
 * files, {@code base64} for anything else. Reading is strict: bytes that are not UTF-8 are refused
 * rather than silently replaced, since writing such a "text" back would corrupt the file.
 */
enum ContentEncoding {
    UTF_8("utf-8"),
    BASE64("base64");

    private final String label;

    ContentEncoding(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The encoding named by input {@code encoding}; {@code utf-8} when absent. */
    static ContentEncoding of(Optional<String> name) throws EndpointException {
        if (name.isEmpty()) {
            return UTF_8;
        }
        return switch (name.get().trim().toLowerCase(Locale.ROOT)) {
            case "utf-8", "utf8" -> UTF_8;
            case "base64" -> BASE64;
            default -> throw InvokeInputs.invalid("encoding '" + name.get() + "' is not supported (utf-8 or base64)");
        };
    }

    byte[] decode(String content) throws EndpointException {
        if (this == UTF_8) {
            return content.getBytes(StandardCharsets.UTF_8);
        }
        try {
            // Line breaks and spaces are how base64 is often wrapped; anything else outside the alphabet is an error.
            return Base64.getDecoder().decode(content.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw InvokeInputs.invalid("content is not valid base64");
        }
    }

    String encode(byte[] bytes, String input) throws EndpointException {
        if (this == BASE64) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw InvokeInputs.invalid("path " + FileErrors.show(input) + " is not UTF-8 text; read it with encoding base64");
        }
    }
}
