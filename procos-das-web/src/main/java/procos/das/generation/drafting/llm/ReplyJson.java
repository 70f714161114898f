package procos.das.generation.drafting.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.description.InvalidDescriptionException;

/**
 * Finds the one JSON object in a model's reply. Models wrap JSON in code fences and chatter, so
 * both are tolerated; a reply with no object, with a broken one, or with several (which one would
 * the model mean?) is refused with the reason.
 */
final class ReplyJson {

    /** A JSON object found in a reply: its exact text and its tree. */
    record Found(String text, JsonNode tree) {
    }

    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z0-9_-]*[ \\t]*\\R(.*?)```", Pattern.DOTALL);

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private ReplyJson() {
    }

    static Found extract(String reply) throws InvalidDescriptionException {
        if (reply == null || reply.isBlank()) {
            throw problem("the reply is empty");
        }
        int bytes = reply.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > DescriptionJson.MAX_BYTES) {
            throw problem("the reply is " + bytes + " bytes long; at most " + DescriptionJson.MAX_BYTES + " are read");
        }
        List<String> fenced = fencedBlocksWithObjects(reply);
        if (fenced.size() > 1) {
            throw problem("the reply holds " + fenced.size() + " code blocks with JSON; exactly one JSON object is expected");
        }
        return onlyObjectIn(fenced.isEmpty() ? reply : fenced.get(0));
    }

    private static List<String> fencedBlocksWithObjects(String reply) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = FENCE.matcher(reply);
        while (matcher.find()) {
            if (matcher.group(1).indexOf('{') >= 0) {
                blocks.add(matcher.group(1));
            }
        }
        return blocks;
    }

    private static Found onlyObjectIn(String text) throws InvalidDescriptionException {
        if (looksLikeXml(text)) {
            throw problem("the reply looks like XML; only a JSON description is accepted, never BPMN or other markup");
        }
        int start = text.indexOf('{');
        if (start < 0) {
            throw problem("the reply contains no JSON object");
        }
        Found found;
        int end;
        try (JsonParser parser = MAPPER.createParser(text.substring(start))) {
            JsonNode tree = MAPPER.readTree(parser);
            end = start + (int) parser.currentLocation().getCharOffset();
            found = new Found(text.substring(start, end), tree);
        } catch (JsonProcessingException e) {
            throw problem("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw problem("the reply could not be read: " + e.getMessage());
        }
        if (startsAnotherObject(text.substring(end))) {
            throw problem("the reply holds more than one JSON object; exactly one is expected");
        }
        return found;
    }

    /** Whether a second complete JSON object follows; stray braces in trailing chatter do not count. */
    private static boolean startsAnotherObject(String rest) {
        int next = rest.indexOf('{');
        while (next >= 0) {
            try (JsonParser parser = MAPPER.createParser(rest.substring(next))) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    return true;
                }
            } catch (IOException e) {
                // not an object here; look at the next brace
            }
            next = rest.indexOf('{', next + 1);
        }
        return false;
    }

    /** Markup before any JSON: the model answered with XML (BPMN, most likely) instead of a description. */
    private static boolean looksLikeXml(String text) {
        int brace = text.indexOf('{');
        String head = brace < 0 ? text : text.substring(0, brace);
        return head.strip().startsWith("<") || head.contains("<?xml") || head.contains("<definitions") || head.contains("<bpmn:");
    }

    private static InvalidDescriptionException problem(String message) {
        return new InvalidDescriptionException(List.of("$: " + message));
    }
}
