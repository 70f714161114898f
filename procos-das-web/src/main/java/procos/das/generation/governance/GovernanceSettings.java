package procos.das.generation.governance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import procos.kernel.config.InvalidSettingsException;
import procos.kernel.config.SettingsReader;

/**
 * The operator's rules for generated processes, read from one key → value lookup (MicroProfile
 * Config in the server, so {@code PROCOS_GENERATION_POLICY_AUTO_APPROVE} sets
 * {@code procos.generation.policy.auto-approve}; a map in tests). Every problem is collected before
 * failing, each naming its setting. The defaults are the safe ones: scripts, file deletion and raw
 * SQL forbidden, a person approves every process. A list setting set to {@value #NONE} is empty.
 *
 * @param forbiddenTaskTypes task types generated processes may not use
 * @param forbiddenEndpoints PDE endpoint ids generated tasks may not be routed to
 * @param approvalDomains    domains (lower case) whose processes a person always approves
 * @param autoApprove        whether processes of other domains deploy without a person (a development setting)
 * @param namePattern        what every process name must match in full, if anything
 * @param maxSteps           most steps (and activities in the compiled model) a process may have
 * @param versionsKept       deployed versions kept per process key
 */
public record GovernanceSettings(List<TaskTypePattern> forbiddenTaskTypes, Set<String> forbiddenEndpoints,
                                 Set<String> approvalDomains, boolean autoApprove, Optional<Pattern> namePattern,
                                 int maxSteps, int versionsKept) {

    public static final String FORBIDDEN_TASK_TYPES = "procos.generation.policy.forbidden-task-types";
    public static final String FORBIDDEN_ENDPOINTS = "procos.generation.policy.forbidden-endpoints";
    public static final String APPROVAL_DOMAINS = "procos.generation.policy.approval-domains";
    public static final String AUTO_APPROVE = "procos.generation.policy.auto-approve";
    public static final String NAME_PATTERN = "procos.generation.policy.name-pattern";
    public static final String MAX_STEPS = "procos.generation.policy.max-steps";
    public static final String VERSIONS_KEEP = "procos.generation.versions.keep";

    public static final String DEFAULT_FORBIDDEN_TASK_TYPES = "script.*,files.delete,jdbc.execute";
    public static final String DEFAULT_APPROVAL_DOMAINS = "finance,healthcare";
    /** The value of a list setting that is deliberately empty (a blank value means the default). */
    public static final String NONE = "none";
    public static final int DEFAULT_MAX_STEPS = 200;
    public static final int DEFAULT_VERSIONS_KEPT = 10;

    static final int MAX_MAX_STEPS = 10_000;
    static final int MAX_VERSIONS_KEPT = 1_000;

    private static final Pattern ENDPOINT_ID = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9_.-]+");

    public GovernanceSettings {
        forbiddenTaskTypes = List.copyOf(forbiddenTaskTypes);
        forbiddenEndpoints = Set.copyOf(forbiddenEndpoints);
        approvalDomains = Set.copyOf(approvalDomains);
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        if (versionsKept < 1) {
            throw new IllegalArgumentException("versionsKept must be at least 1, got " + versionsKept);
        }
    }

    /** The settings with nothing configured. */
    public static GovernanceSettings defaults() {
        try {
            return from(key -> Optional.empty());
        } catch (InvalidSettingsException e) {
            throw new IllegalStateException("the default governance settings are invalid", e);
        }
    }

    /**
     * Reads and checks every governance setting.
     *
     * @throws InvalidSettingsException listing every problem, each naming its setting
     */
    public static GovernanceSettings from(Function<String, Optional<String>> lookup) throws InvalidSettingsException {
        return new Reader(lookup).read();
    }

    /** A domain as the settings hold it: trimmed, lower case; blank is no domain. */
    static Optional<String> normalizedDomain(String domain) {
        return Optional.ofNullable(domain).map(d -> d.trim().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty());
    }

    /** One pass over the settings; the typed values and the problems are {@link SettingsReader}'s. */
    private static final class Reader {

        private final SettingsReader settings;

        Reader(Function<String, Optional<String>> lookup) {
            this.settings = new SettingsReader(lookup);
        }

        GovernanceSettings read() throws InvalidSettingsException {
            List<TaskTypePattern> taskTypes = new ArrayList<>();
            for (String entry : entries(FORBIDDEN_TASK_TYPES, DEFAULT_FORBIDDEN_TASK_TYPES)) {
                try {
                    taskTypes.add(new TaskTypePattern(entry));
                } catch (IllegalArgumentException e) {
                    settings.problem(FORBIDDEN_TASK_TYPES, entry, "not a task type or a prefix ending in * (letters, digits, _ . : -)");
                }
            }
            Set<String> endpoints = names(FORBIDDEN_ENDPOINTS, "", ENDPOINT_ID, false, "not an endpoint id (letters, digits, _ . : -)");
            Set<String> domains = names(APPROVAL_DOMAINS, DEFAULT_APPROVAL_DOMAINS, DOMAIN, true,
                    "not a domain name (letters, digits, _ . -)");
            boolean autoApprove = settings.bool(AUTO_APPROVE, false);
            Optional<Pattern> namePattern = pattern(NAME_PATTERN);
            int maxSteps = settings.integer(MAX_STEPS, DEFAULT_MAX_STEPS, 1, MAX_MAX_STEPS);
            int versionsKept = settings.integer(VERSIONS_KEEP, DEFAULT_VERSIONS_KEPT, 1, MAX_VERSIONS_KEPT);
            settings.check();
            return new GovernanceSettings(taskTypes, endpoints, domains, autoApprove, namePattern, maxSteps, versionsKept);
        }

        /** The comma-separated entries; {@value #NONE} is an empty list (a blank value means the default). */
        private List<String> entries(String key, String fallback) {
            List<String> entries = new ArrayList<>();
            String value = settings.string(key).orElse(fallback);
            if (value.equalsIgnoreCase(NONE)) {
                return entries;
            }
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
            return entries;
        }

        private Set<String> names(String key, String fallback, Pattern valid, boolean lowerCase, String invalidReason) {
            Set<String> names = new LinkedHashSet<>();
            for (String entry : entries(key, fallback)) {
                String name = lowerCase ? entry.toLowerCase(Locale.ROOT) : entry;
                if (valid.matcher(name).matches()) {
                    names.add(name);
                } else {
                    settings.problem(key, entry, invalidReason);
                }
            }
            return names;
        }

        private Optional<Pattern> pattern(String key) {
            Optional<String> raw = settings.string(key);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(raw.get()));
            } catch (PatternSyntaxException e) {
                settings.problem(key, raw.get(), "not a regular expression: " + e.getDescription());
                return Optional.empty();
            }
        }
    }
}
