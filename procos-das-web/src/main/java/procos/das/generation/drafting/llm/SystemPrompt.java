package procos.das.generation.drafting.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The standing instruction of the drafting model: the description's JSON contract, naming and
 * safety rules, and one example. The text lives in resources beside this class so it can be read
 * and revised as prose; the example is a separate file so tests can prove it is a valid description.
 */
final class SystemPrompt {

    static final String TEMPLATE = "system-prompt.txt";
    static final String EXAMPLE = "example.json";

    private static final String TEXT = load(TEMPLATE).replace("{{example}}", load(EXAMPLE).strip());

    private SystemPrompt() {
    }

    static String text() {
        return TEXT;
    }

    static String load(String resource) {
        try (InputStream in = SystemPrompt.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing beside " + SystemPrompt.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("resource " + resource + " could not be read", e);
        }
    }
}
