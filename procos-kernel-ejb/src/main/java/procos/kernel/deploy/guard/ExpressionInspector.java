package procos.kernel.deploy.guard;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstLiteral;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import procos.kernel.config.SettingsValidator;

/**
 * Decides whether one expression may run, from its syntax tree as the engine's own EL parser (JUEL,
 * with method invocations as the engine enables them) builds it. Allowed: literals, variables,
 * operators, property reads other than those that lead to classes, class loaders or the engine, and
 * method calls only directly on a bean exposed to processes or on {@code execution}/{@code task} when
 * they read. Anything else, and anything the guard does not know, is refused.
 */
final class ExpressionInspector {

    /** The same grammar the engine parses with: JUEL's default features include method invocations. */
    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    /** Identifiers the engine resolves to the current execution or task. */
    private static final Set<String> VARIABLE_SCOPES = Set.of("execution", "task");

    /** What an expression may call on {@code execution} or {@code task}: reads only. */
    private static final Set<String> READ_METHODS = Set.of(
            "getVariable", "getVariableLocal", "getVariableTyped", "getVariableLocalTyped",
            "getVariables", "getVariablesLocal", "getVariablesTyped", "getVariablesLocalTyped",
            "getVariableNames", "getVariableNamesLocal", "hasVariable", "hasVariableLocal", "hasVariables",
            "hasVariablesLocal", "getId", "getProcessInstanceId", "getBusinessKey", "getProcessBusinessKey",
            "getProcessDefinitionId", "getActivityId", "getActivityInstanceId", "getCurrentActivityId",
            "getCurrentActivityName", "getCurrentTransitionId", "getParentId", "getParentActivityInstanceId",
            "getEventName", "getTenantId", "getName", "getDescription", "getTaskDefinitionKey", "getExecutionId",
            "getAssignee", "getOwner", "getPriority", "getDueDate", "getFollowUpDate", "getCreateTime");

    /** Methods every object has that reach the class or block threads: never callable, even on a bean. */
    private static final Set<String> OBJECT_METHODS = Set.of("getClass", "wait", "notify", "notifyAll");

    /**
     * Property names (compared without case) whose getters lead to reflection or into the engine:
     * {@code x.class} is {@code getClass()}, from which {@code classLoader}, {@code module},
     * {@code protectionDomain}, … reach everything; {@code execution.processEngine} reaches every
     * service and the engine configuration.
     */
    private static final Set<String> DENIED_PROPERTIES = Set.of("class", "classloader", "contextclassloader",
            "declaringclass", "enclosingclass", "nesthost", "componenttype", "superclass", "module",
            "protectiondomain", "runtime", "processengine", "processengineservices", "processengineconfiguration");

    private final GuardPolicy policy;

    ExpressionInspector(GuardPolicy policy) {
        this.policy = policy;
    }

    /** Why the expression may not run, or empty when it only reads variables and calls allowed beans. */
    Optional<String> refusal(String expression) {
        try {
            return check(PARSER.build(expression).getRoot());
        } catch (TreeBuilderException e) {
            return Optional.of("cannot be parsed: " + e.getMessage());
        }
    }

    private Optional<String> check(Node node) {
        if (node instanceof AstLiteral || node instanceof AstText) {
            return Optional.empty();
        }
        if (node instanceof AstIdentifier identifier) {
            return identifier(identifier.getName());
        }
        if (node instanceof AstMethod method) {
            return method(method);
        }
        if (node instanceof AstFunction function) {
            return policy.allowsFunction(function.getName())
                    ? children(function)
                    : Optional.of("calls the function " + function.getName() + "(), not listed in "
                            + SettingsValidator.DEPLOY_ALLOWED_FUNCTIONS);
        }
        if (node instanceof AstDot || node instanceof AstBracket) {
            Optional<String> name = propertyName(node);
            if (name.isEmpty()) {
                String index = node instanceof AstBracket ? " [" + node.getChild(1) + "]" : "";
                return Optional.of("computes a property name" + index + "; only literal names may be read");
            }
            return property(name.get()).or(() -> check(node.getChild(0)));
        }
        if (node instanceof AstEval || node instanceof AstComposite || node instanceof AstNested
                || node instanceof AstChoice || node instanceof AstBinary || node instanceof AstUnary
                || node instanceof AstParameters) {
            return children(node);
        }
        return Optional.of("uses " + node.getClass().getSimpleName() + ", unknown to the deployment guard");
    }

    private Optional<String> children(Node node) {
        for (int i = 0; i < node.getCardinality(); i++) {
            Optional<String> refusal = check(node.getChild(i));
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> identifier(String name) {
        return GuardPolicy.ENGINE_BEANS.contains(name)
                ? Optional.of("names the engine's own service '" + name + "'")
                : Optional.empty();
    }

    private static Optional<String> property(String name) {
        return DENIED_PROPERTIES.contains(name.toLowerCase(Locale.ROOT))
                ? Optional.of("reads the property '" + name + "': it leads to classes or into the engine")
                : Optional.empty();
    }

    /** A call {@code base.name(params)}: only directly on an allowed bean, or a read on execution/task. */
    private Optional<String> method(AstMethod method) {
        Node target = method.getChild(0);
        Optional<String> name = propertyName(target);
        if (name.isEmpty()) {
            return Optional.of("computes the name of the method it calls; only literal names may be called");
        }
        Node base = target.getChild(0);
        if (!(base instanceof AstIdentifier identifier)) {
            // The innermost offence first: in a.b().c() that is b(), not c().
            return check(base).or(() -> Optional.of("calls " + name.get() + "() on " + describe(base)
                    + "; methods may be called only on beans exposed to processes (" + SettingsValidator.DEPLOY_ALLOWED_BEANS
                    + ") and, to read, on execution or task"));
        }
        String beanName = identifier.getName();
        String call = beanName + "." + name.get() + "()";
        if (policy.allowsBean(beanName)) {
            if (OBJECT_METHODS.contains(name.get())) {
                return Optional.of("calls " + call + ": it leads to classes");
            }
        } else if (VARIABLE_SCOPES.contains(beanName)) {
            if (!READ_METHODS.contains(name.get())) {
                return Optional.of("calls " + call + "; on " + beanName + " expressions may only read (getVariable, hasVariable, getId, …)");
            }
        } else {
            return Optional.of("calls " + call + ", but '" + beanName + "' is not a bean exposed to processes ("
                    + SettingsValidator.DEPLOY_ALLOWED_BEANS + ")");
        }
        return children(method.getChild(1));
    }

    /** The literal name of {@code a.name} or {@code a['name']}, empty when the name is computed. */
    private static Optional<String> propertyName(Node property) {
        if (property instanceof AstDot dot) {
            // JUEL keeps the name in a protected field; its text form is ". name".
            String text = dot.toString();
            return text.startsWith(". ") ? Optional.of(text.substring(2)) : Optional.empty();
        }
        if (property instanceof AstBracket) {
            Node index = property.getChild(1);
            if (index instanceof AstString string) {
                return Optional.of(String.valueOf(string.eval(null, null)));
            }
            if (index instanceof AstNumber number) {
                return Optional.of(String.valueOf(number.eval(null, null)));
            }
        }
        return Optional.empty();
    }

    private static String describe(Node base) {
        if (base instanceof AstString) {
            return "a string literal";
        }
        if (base instanceof AstLiteral) {
            return "a literal";
        }
        if (base instanceof AstMethod) {
            return "the result of another call";
        }
        if (base instanceof AstDot || base instanceof AstBracket) {
            return "a property";
        }
        return "an expression";
    }
}
