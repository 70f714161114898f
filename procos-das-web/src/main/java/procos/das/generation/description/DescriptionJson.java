package procos.das.generation.description;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON form of a {@link ProcessDescription}: what a language model is asked to write and what
 * the REST API returns. Reading is strict (unknown fields, wrong types, excessive size or nesting
 * are refused with the field named), because the text may come from a model or a person.
 */
public final class DescriptionJson {

    /** Larger than any sensible process description; a model that rambles is cut off here. */
    public static final int MAX_BYTES = 256 * 1024;
    static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private DescriptionJson() {
    }

    /** Reads a description and checks it with {@link DescriptionChecker}; every problem found is in the exception. */
    public static ProcessDescription read(String json) throws InvalidDescriptionException {
        if (json == null || json.isBlank()) {
            throw new InvalidDescriptionException(List.of("$: the description is empty"));
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidDescriptionException(List.of("$: the description is larger than " + MAX_BYTES + " bytes"));
        }
        ProcessDescription description;
        try {
            description = MAPPER.readValue(json, ProcessDescription.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new InvalidDescriptionException(List.of(path(e) + ": " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidDescriptionException(List.of("$: not valid JSON: " + e.getOriginalMessage()));
        }
        if (description == null) {
            throw new InvalidDescriptionException(List.of("$: the description is null"));
        }
        List<String> problems = DescriptionChecker.problems(description);
        if (!problems.isEmpty()) {
            throw new InvalidDescriptionException(problems);
        }
        return description;
    }

    public static String write(ProcessDescription description) {
        try {
            return MAPPER.writeValueAsString(description);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a process description could not be written as JSON", e);
        }
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
