package procos.das.generation.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import procos.das.generation.context.GenerationContext.Pattern;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.description.InvalidDescriptionException;

/**
 * Reusable process patterns a drafter may follow: approval with escalation, order to cash, parallel
 * review and the like, each with when it applies and an example description. The built-in library is
 * {@value #RESOURCE} beside this class; every example is read as a description when the library is
 * loaded, so a broken example fails at once instead of teaching a model a broken form.
 */
public final class PatternLibrary {

    public static final String RESOURCE = "patterns.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record Entry(String name, String whenToUse, JsonNode example) {
    }

    private record Library(List<Entry> patterns) {
    }

    private final List<Pattern> patterns;

    private PatternLibrary(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The patterns shipped with ProcOS. */
    public static PatternLibrary builtIn() {
        try (InputStream in = PatternLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the pattern library " + RESOURCE + " is missing beside " + PatternLibrary.class.getName());
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the pattern library " + RESOURCE + " could not be read", e);
        }
    }

    /**
     * A library from its JSON form: {@code {"patterns": [{"name", "whenToUse", "example": {description}}]}}.
     *
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    public static PatternLibrary read(String json) {
        Library library;
        try {
            library = JSON.readValue(json, Library.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pattern library is not valid: " + e.getOriginalMessage(), e);
        }
        if (library == null || library.patterns() == null || library.patterns().isEmpty()) {
            throw new IllegalArgumentException("pattern library holds no patterns");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < library.patterns().size(); i++) {
            patterns.add(pattern(i, library.patterns().get(i)));
        }
        return new PatternLibrary(patterns);
    }

    private static Pattern pattern(int index, Entry entry) {
        String where = "pattern " + index + (entry.name() == null ? "" : " '" + entry.name() + "'");
        if (entry.name() == null || entry.name().isBlank()) {
            throw new IllegalArgumentException(where + " has no name");
        }
        if (entry.whenToUse() == null || entry.whenToUse().isBlank()) {
            throw new IllegalArgumentException(where + " does not say when to use it");
        }
        if (entry.example() == null || !entry.example().isObject()) {
            throw new IllegalArgumentException(where + " has no example description");
        }
        try {
            // Written back from what was read, so the model sees the example exactly as ProcOS writes descriptions.
            String example = DescriptionJson.write(DescriptionJson.read(entry.example().toString()));
            return new Pattern(entry.name().strip(), entry.whenToUse().strip(), example);
        } catch (InvalidDescriptionException e) {
            throw new IllegalArgumentException(where + " has an invalid example: " + e.getMessage(), e);
        }
    }

    public List<Pattern> patterns() {
        return patterns;
    }
}
