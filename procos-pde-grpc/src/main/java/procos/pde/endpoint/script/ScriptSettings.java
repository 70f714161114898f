package procos.pde.endpoint.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import procos.pde.endpoint.EndpointSettings;
import procos.pde.pool.EndpointConfig;

/**
 * The options of a {@code script} endpoint, read from its {@code settings} and checked once, at
 * construction, so that a bad value stops the boot with the endpoint id and setting named.
 *
 * @param sandboxRoot        real path of the directory under which each run gets a fresh working
 *                           directory, deleted afterwards
 * @param scriptsDir         real path of the directory {@code script_file} names are resolved in; none
 *                           means tasks cannot name files
 * @param commands           the interpreters tasks may choose
 * @param searchPath         the scripts' {@code PATH}
 * @param lang               the scripts' {@code LANG}
 * @param environment        further variables the scripts get; nothing else of the server's
 *                           environment reaches them
 * @param maxExecutionTime   longest a run may take; the task's deadline can only shorten it
 * @param maxOutputBytes     most stdout read; more kills the script ({@code OUTPUT_TOO_LARGE})
 * @param allowInlineScripts whether a task may bring its own source in input {@code script}
 */
public record ScriptSettings(Path sandboxRoot, Optional<Path> scriptsDir, CommandAllowlist commands, String searchPath,
                             String lang, Map<String, String> environment, Duration maxExecutionTime,
                             long maxOutputBytes, boolean allowInlineScripts) {

    public static final String SANDBOX_ROOT = "sandbox_root";
    public static final String SCRIPTS_DIR = "scripts_dir";
    public static final String ALLOWED_COMMANDS = "allowed_commands";
    public static final String PATH = "path";
    public static final String LANG = "lang";
    /** Prefix of the variables passed to scripts: {@code env.REPORT_BUCKET: reports}. */
    public static final String ENV_PREFIX = "env.";
    /** The seed's name for the limit. */
    public static final String MAX_EXECUTION_TIME = "max_execution_time";
    public static final String MAX_OUTPUT_BYTES = "max_output_bytes";
    public static final String ALLOW_INLINE_SCRIPTS = "allow_inline_scripts";

    public static final List<String> DEFAULT_ALLOWED_COMMANDS = List.of("python3", "sh");
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    public static final String DEFAULT_LANG = "C.UTF-8";
    public static final Duration DEFAULT_MAX_EXECUTION_TIME = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 1L << 20;
    /** Output is held in memory and travels in one protobuf message; beyond this, write files instead. */
    public static final long MAX_OUTPUT_BYTES_LIMIT = 64L << 20;

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Set from their own settings or per run, so they cannot be overridden through {@code env.}. */
    private static final Set<String> RESERVED_VARIABLES = Set.of("PATH", "LANG", "HOME");

    public ScriptSettings {
        Objects.requireNonNull(sandboxRoot, "sandboxRoot");
        Objects.requireNonNull(scriptsDir, "scriptsDir");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(searchPath, "searchPath");
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(maxExecutionTime, "maxExecutionTime");
        environment = Map.copyOf(environment);
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("maxOutputBytes must be at least 1, got " + maxOutputBytes);
        }
    }

    /**
     * Reads {@code sandbox_root} (required; created if missing), {@code scripts_dir} (must exist),
     * {@code allowed_commands}, {@code path}, {@code lang}, {@code env.<NAME>},
     * {@code max_execution_time} (ISO-8601; else the endpoint's {@code timeout}, else 30 s),
     * {@code max_output_bytes} and {@code allow_inline_scripts}.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault
     */
    public static ScriptSettings from(EndpointConfig config) {
        EndpointSettings settings = EndpointSettings.of(config, Set.of(SANDBOX_ROOT, SCRIPTS_DIR, ALLOWED_COMMANDS, PATH,
                LANG, MAX_EXECUTION_TIME, MAX_OUTPUT_BYTES, ALLOW_INLINE_SCRIPTS), Set.of(ENV_PREFIX));
        Path sandboxRoot = settings.directory(SANDBOX_ROOT,
                settings.required(SANDBOX_ROOT, "the directory under which each run gets its own working directory"), true);
        Optional<Path> scriptsDir = settings.optional(SCRIPTS_DIR).map(dir -> settings.directory(SCRIPTS_DIR, dir, false));
        String searchPath = settings.optional(PATH).orElse(DEFAULT_PATH);
        CommandAllowlist commands;
        try {
            List<String> listed = settings.optional(ALLOWED_COMMANDS).isPresent()
                    ? settings.list(ALLOWED_COMMANDS) : DEFAULT_ALLOWED_COMMANDS;
            commands = CommandAllowlist.of(listed, searchPath);
        } catch (IllegalArgumentException e) {
            throw settings.invalid(ALLOWED_COMMANDS, e.getMessage());
        }
        return new ScriptSettings(sandboxRoot, scriptsDir, commands, searchPath,
                settings.optional(LANG).orElse(DEFAULT_LANG),
                environment(settings),
                settings.duration(MAX_EXECUTION_TIME).or(config::timeout).orElse(DEFAULT_MAX_EXECUTION_TIME),
                settings.bytes(MAX_OUTPUT_BYTES, DEFAULT_MAX_OUTPUT_BYTES, MAX_OUTPUT_BYTES_LIMIT),
                settings.bool(ALLOW_INLINE_SCRIPTS, false));
    }

    private static Map<String, String> environment(EndpointSettings settings) {
        SortedMap<String, String> variables = settings.family(ENV_PREFIX);
        for (String name : variables.keySet()) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw settings.invalid(ENV_PREFIX + name, "is not a valid environment variable name");
            }
            if (RESERVED_VARIABLES.contains(name)) {
                throw settings.invalid(ENV_PREFIX + name, "cannot be set here: " + name
                        + " is set by the endpoint (see settings path and lang; HOME is the run's directory)");
            }
        }
        return variables;
    }
}
