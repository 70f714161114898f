package procos.kernel.deploy.guard;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import procos.kernel.root.RootOrchestrator;

/**
 * What an operator allows beyond the default: by default expressions may call only the beans ProcOS
 * exposes to processes, and models may name no Java class, run no script and call no EL function.
 *
 * @param allowedBeans           CDI bean names whose methods expressions may call, besides {@link #PROCOS_BEANS}
 * @param allowedClasses         fully qualified Java classes models may name ({@code camunda:class}, …)
 * @param allowedScriptLanguages script languages (compared without case) script tasks and scripts may use
 * @param allowedFunctions       EL functions expressions may call, as written ({@code now}, {@code fn:foo})
 */
public record GuardPolicy(Set<String> allowedBeans, Set<String> allowedClasses, Set<String> allowedScriptLanguages,
                          Set<String> allowedFunctions) {

    /** The beans ProcOS itself exposes to processes: always callable. */
    public static final Set<String> PROCOS_BEANS = Set.of(RootOrchestrator.BEAN_NAME);

    /**
     * The engine's own services, which camunda-engine-cdi makes resolvable by name: an expression that
     * names one is refused, and they cannot be allowlisted.
     */
    public static final Set<String> ENGINE_BEANS = Set.of("processEngine", "runtimeService", "taskService",
            "repositoryService", "formService", "historyService", "identityService", "managementService",
            "authorizationService", "filterService", "externalTaskService", "caseService", "decisionService",
            "businessProcess");

    public GuardPolicy {
        allowedBeans = Set.copyOf(allowedBeans);
        allowedClasses = Set.copyOf(allowedClasses);
        allowedScriptLanguages = allowedScriptLanguages.stream().map(GuardPolicy::lowerCase).collect(Collectors.toUnmodifiableSet());
        allowedFunctions = Set.copyOf(allowedFunctions);
    }

    /** Nothing allowed beyond the beans ProcOS exposes. */
    public static GuardPolicy defaults() {
        return new GuardPolicy(Set.of(), Set.of(), Set.of(), Set.of());
    }

    public boolean allowsBean(String name) {
        return !ENGINE_BEANS.contains(name) && (PROCOS_BEANS.contains(name) || allowedBeans.contains(name));
    }

    public boolean allowsClass(String className) {
        return allowedClasses.contains(className);
    }

    public boolean allowsScriptLanguage(String language) {
        return language != null && !isJuel(language) && allowedScriptLanguages.contains(lowerCase(language));
    }

    /**
     * The engine runs "juel" scripts as expressions; allowing the language would let their bodies past
     * the expression rule, so it is never allowed: the same expression without a language is checked.
     */
    public static boolean isJuel(String language) {
        return lowerCase(language).equals("juel");
    }

    public boolean allowsFunction(String name) {
        return allowedFunctions.contains(name);
    }

    private static String lowerCase(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }
}
