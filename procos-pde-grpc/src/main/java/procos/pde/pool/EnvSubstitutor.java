package procos.pde.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import procos.logging.SecretRedactor;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} in every string scalar of the tree with the
 * value of environment variable {@code NAME}, so one file serves every deployment and secrets stay
 * out of it. Keys are never substituted (the schema is fixed), and substituted text is not scanned
 * again, so a variable's value can never inject another reference.
 *
 * <p>Rules: the default is used when the variable is unset or empty; {@code ${NAME:}} defaults to
 * the empty string; <code>$${</code> is a literal <code>${</code>; a name is letters, digits and {@code _},
 * not starting with a digit. An unset variable without default is a problem at the path of the
 * value that uses it. Values that came from a variable whose name looks like a credential
 * ({@link SecretRedactor#isSecretKey}) are remembered, so later messages never print them.
 */
final class EnvSubstitutor {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> env;
    private final Problems problems;
    private final Set<ConfigPath> secretValues = new HashSet<>();

    private EnvSubstitutor(Function<String, String> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** The substituted tree and the paths whose value must not be shown. */
    record Result(JsonNode tree, Set<ConfigPath> secretValues) {
    }

    static Result substitute(JsonNode tree, Function<String, String> env, Problems problems) {
        EnvSubstitutor substitutor = new EnvSubstitutor(env, problems);
        JsonNode result = substitutor.walk(tree, ConfigPath.root());
        return new Result(result, Set.copyOf(substitutor.secretValues));
    }

    private JsonNode walk(JsonNode node, ConfigPath path) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), walk(field.getValue(), path.key(field.getKey())));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(walk(node.get(i), path.index(i)));
            }
            return copy;
        }
        if (node.isTextual() && node.textValue().contains("$")) {
            return JsonNodeFactory.instance.textNode(substitute(node.textValue(), path));
        }
        return node;
    }

    private String substitute(String text, ConfigPath path) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    problems.add(path, "unclosed variable reference: '${' without a matching '}'");
                    return text;
                }
                out.append(resolve(text.substring(i + 2, close), path));
                i = close + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference, ConfigPath path) {
        int colon = reference.indexOf(':');
        String name = colon < 0 ? reference : reference.substring(0, colon);
        String fallback = colon < 0 ? null : reference.substring(colon + 1);
        if (!NAME.matcher(name).matches()) {
            problems.add(path, "malformed variable reference ${" + name
                    + "}: a variable name is letters, digits and _, not starting with a digit");
            return "";
        }
        if (SecretRedactor.isSecretKey(name)) {
            secretValues.add(path);
        }
        String value = env.apply(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (fallback != null) {
            return fallback;
        }
        if (value != null) {
            return value;
        }
        problems.add(path, "environment variable " + name + " is not set and the reference gives no default");
        return "";
    }
}
