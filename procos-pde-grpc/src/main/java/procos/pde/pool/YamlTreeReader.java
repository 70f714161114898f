package procos.pde.pool;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns YAML text into a Jackson tree, refusing what a configuration file never needs and an
 * attacker or a typo could abuse: anchors and aliases, nesting deeper than {@value #MAX_DEPTH}
 * levels, duplicate keys, several documents in one file.
 *
 * <p>Why a hand-driven tree instead of {@code ObjectMapper.readTree}: Jackson reads YAML through
 * SnakeYAML's event parser, not its composer, so of the {@link LoaderOptions} limits only the code
 * point limit takes effect; aliases are not expanded but silently turned into the anchor's
 * <em>name</em>, and duplicate keys silently overwrite. Walking the tokens ourselves lets us see
 * aliases ({@link YAMLParser#isCurrentAlias()}), anchors ({@link YAMLParser#getObjectId()}), depth
 * and duplicates, and refuse them with a line number. The {@link LoaderOptions} are still set so
 * the limits hold if Jackson ever starts honouring them.
 */
final class YamlTreeReader {

    /** The schema needs five levels; anything much deeper is not a PDE manager file. */
    static final int MAX_DEPTH = 16;

    /** Aliases are refused anyway; the SnakeYAML limit is defence in depth. */
    private static final int MAX_ALIASES = 5;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Thrown inside the walk to stop at a structural refusal; the problem is already recorded. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super(null, null, false, false);
        }
    }

    private final YAMLParser parser;
    private final Problems problems;

    private YamlTreeReader(YAMLParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * The document as a tree, or empty if it is empty or unusable (the reasons go to
     * {@code problems}). Duplicate keys are reported but do not stop reading.
     */
    static Optional<JsonNode> read(byte[] yaml, Problems problems) {
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(yaml)) {
            return new YamlTreeReader(parser, problems).readDocument();
        } catch (Refused refused) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            problems.add(ConfigPath.root(), syntaxError(e));
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from memory cannot fail", e);
        }
    }

    private Optional<JsonNode> readDocument() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            problems.add(ConfigPath.root(), "is empty; expected a mapping with the key " + ConfigSchema.ROOT);
            return Optional.empty();
        }
        JsonNode tree = readValue(first, ConfigPath.root(), 1);
        if (parser.nextToken() != null) {
            problems.add(ConfigPath.root(), "holds more than one YAML document (second one at "
                    + where(parser.currentTokenLocation()) + "); put everything under one " + ConfigSchema.ROOT);
            return Optional.empty();
        }
        return Optional.of(tree);
    }

    private JsonNode readValue(JsonToken token, ConfigPath path, int depth) throws IOException {
        if (token == null) {
            refuse(ConfigPath.root(), "unexpected end of YAML at " + where(parser.currentLocation()));
        }
        refuseAnchorsAndAliases(path);
        switch (token) {
            case START_OBJECT:
                return readMapping(path, depth);
            case START_ARRAY:
                return readList(path, depth);
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                problems.add(path, "unsupported YAML value at " + where(parser.currentTokenLocation()));
                return NODES.nullNode();
        }
    }

    private ObjectNode readMapping(ConfigPath path, int depth) throws IOException {
        checkDepth(path, depth);
        ObjectNode mapping = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation keyLocation = parser.currentTokenLocation();
            ConfigPath child = path.key(key);
            JsonNode value = readValue(parser.nextToken(), child, depth + 1);
            if (mapping.has(key)) {
                problems.add(child, "duplicate key (again at " + where(keyLocation) + ")");
            } else {
                mapping.set(key, value);
            }
        }
        expect(token, JsonToken.END_OBJECT);
        return mapping;
    }

    private ArrayNode readList(ConfigPath path, int depth) throws IOException {
        checkDepth(path, depth);
        ArrayNode list = NODES.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            list.add(readValue(token, path.index(list.size()), depth + 1));
        }
        expect(token, JsonToken.END_ARRAY);
        return list;
    }

    private void refuseAnchorsAndAliases(ConfigPath path) throws IOException {
        if (parser.isCurrentAlias()) {
            refuse(path, "YAML aliases are not supported (found *" + parser.getText() + " at "
                    + where(parser.currentTokenLocation()) + "); write the value out in full");
        }
        String anchor = parser.getObjectId();
        if (anchor != null) {
            refuse(path, "YAML anchors are not supported (found &" + anchor + " at "
                    + where(parser.currentTokenLocation()) + "); write the value out in full");
        }
    }

    private void checkDepth(ConfigPath path, int depth) {
        if (depth > MAX_DEPTH) {
            refuse(path, "nested deeper than " + MAX_DEPTH + " levels (at "
                    + where(parser.currentTokenLocation()) + ")");
        }
    }

    private void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            refuse(ConfigPath.root(), "unexpected end of YAML at " + where(parser.currentLocation()));
        }
    }

    private void refuse(ConfigPath path, String message) {
        problems.add(path, message);
        throw new Refused();
    }

    /** The parser's own words plus a 1-based line and column, from SnakeYAML's mark when there is one. */
    private static String syntaxError(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                return "YAML syntax error at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                        + ": " + marked.getProblem() + context;
            }
        }
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        JsonLocation location = e.getLocation();
        return "YAML syntax error" + (location == null ? "" : " at " + where(location)) + ": " + message.strip();
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(PdeManagerConfigLoader.MAX_BYTES);
        // Duplicates are found by this reader, which names the path and keeps going; SnakeYAML's
        // check would stop at the first one.
        options.setAllowDuplicateKeys(true);
        return options;
    }
}
