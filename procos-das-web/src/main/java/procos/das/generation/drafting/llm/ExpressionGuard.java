package procos.das.generation.drafting.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Refuses expression syntax in any text of a model's description. ProcOS writes every expression
 * itself, but names, roles, topics, message names and timer values end up in BPMN attributes that
 * Camunda evaluates when they hold {@code ${…}} or {@code #{…}}; a model (or an intent that
 * steered it) must never get code run that way, whatever the compiler does later.
 */
final class ExpressionGuard {

    private static final List<String> MARKERS = List.of("${", "#{");

    private ExpressionGuard() {
    }

    /** One problem per offending text, named by its JSON path; empty when there is none. */
    static List<String> problems(JsonNode tree) {
        List<String> problems = new ArrayList<>();
        visit(tree, "$", problems);
        return problems;
    }

    private static void visit(JsonNode node, String path, List<String> problems) {
        if (node.isTextual()) {
            check(node.textValue(), path, problems);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path + "." + field.getKey();
                check(field.getKey(), fieldPath, problems);
                visit(field.getValue(), fieldPath, problems);
            }
        }
    }

    private static void check(String text, String path, List<String> problems) {
        for (String marker : MARKERS) {
            if (text.contains(marker)) {
                problems.add(path + ": contains expression syntax '" + marker + "…}'; write plain text, ProcOS writes every expression itself");
                return;
            }
        }
    }
}
