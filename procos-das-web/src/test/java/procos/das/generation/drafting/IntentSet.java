package procos.das.generation.drafting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The developer-visible intent sets ({@code /generation/intents/}): intents across domains, each
 * with the structure its process is expected to have. Used by the tests that hold the
 * drafters to it and by the benchmark that measures them.
 */
public final class IntentSet {

    private static final String RESOURCE = "/generation/intents/intents.json";
    /**
     * Intents written after the drafter was done, with their expected structures, and never used to
     * tune it: the benchmark measures the drafters on them; no test holds a drafter to them.
     */
    private static final String HELD_OUT = "/generation/intents/held-out.json";

    private IntentSet() {
    }

    /** One intent and the structure it should draft to. */
    public record Expected(String id, String domain, String intent, Map<String, Object> counts, List<String> names) {

        /** How a drafted description differs from what is expected; empty when it matches. */
        public List<String> differences(String draftedDomain, DescriptionStructure structure) {
            List<String> differences = new ArrayList<>();
            if (!domain.equals(draftedDomain)) {
                differences.add("domain " + draftedDomain + " (expected " + domain + ")");
            }
            structure.counts().forEach((key, actual) -> {
                Object wanted = counts.get(key);
                if (!actual.equals(wanted)) {
                    differences.add(key + " " + actual + " (expected " + wanted + ")");
                }
            });
            for (String name : names) {
                if (!structure.hasName(name)) {
                    differences.add("no step named like \"" + name + "\" in " + structure.names());
                }
            }
            return differences;
        }
    }

    public static List<Expected> load() throws IOException {
        return load(RESOURCE);
    }

    public static List<Expected> heldOut() throws IOException {
        return load(HELD_OUT);
    }

    private static List<Expected> load(String resource) throws IOException {
        try (InputStream in = IntentSet.class.getResourceAsStream(resource)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Expected> intents = new ArrayList<>();
            for (JsonNode node : root) {
                JsonNode expect = node.get("expect");
                Map<String, Object> counts = new TreeMap<>();
                expect.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("names")) {
                        counts.put(field.getKey(), field.getValue().isBoolean() ? field.getValue().asBoolean()
                                : field.getValue().asInt());
                    }
                });
                List<String> names = new ArrayList<>();
                expect.get("names").forEach(name -> names.add(name.asText()));
                intents.add(new Expected(node.get("id").asText(), node.get("domain").asText(), node.get("intent").asText(),
                        counts, names));
            }
            return intents;
        }
    }
}
