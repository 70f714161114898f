package procos.kernel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import procos.kernel.deploy.guard.GuardPolicy;
import procos.pde.dispatch.DispatchSettings;

/**
 * Reads every kernel setting from one lookup (MicroProfile Config in the server, a map in tests)
 * and checks them all before failing, so the operator sees the whole list of problems at once.
 * Setting names are MicroProfile Config keys; {@code procos.db.url} is also read from the
 * environment variable {@code PROCOS_DB_URL}, and so on.
 */
public final class SettingsValidator {

    public static final String DB_URL = "procos.db.url";
    public static final String DB_USER = "procos.db.user";
    public static final String DB_PASSWORD = "procos.db.password";
    public static final String HISTORY = "procos.engine.history";
    public static final String JOB_THREADS = "procos.engine.job-threads";
    public static final String MONITOR_INTERVAL = "procos.monitor.interval";
    public static final String ROOT_IDLE_INTERVAL = "procos.root.idle-interval";
    public static final String SHUTDOWN_TIMEOUT = "procos.shutdown.timeout";
    public static final String GRPC_PORT = "procos.grpc.port";
    public static final String GRPC_TOKEN = "procos.grpc.token";
    public static final String GRPC_DEV_MODE = "procos.grpc.dev-mode";
    public static final String GRPC_TLS_CERT = "procos.grpc.tls.cert-chain";
    public static final String GRPC_TLS_KEY = "procos.grpc.tls.private-key";
    public static final String GRPC_MAX_MESSAGE_BYTES = "procos.grpc.max-message-bytes";
    public static final String PROCESSES_DIR = "procos.processes.dir";
    public static final String KNOWLEDGE_DIR = "procos.knowledge.dir";
    public static final String NODE_ID = "procos.node.id";
    public static final String PDE_CONFIG = "procos.pde.config";
    public static final String PDE_LOCK_DURATION = "procos.pde.lock-duration";
    public static final String PDE_TASK_TIMEOUT = "procos.pde.task-timeout";
    public static final String PDE_RETRIES = "procos.pde.retries";
    public static final String PDE_RETRY_BACKOFF = "procos.pde.retry-backoff";
    public static final String PDE_SAFETY_POLL = "procos.pde.safety-poll";
    public static final String PDE_PREFETCH = "procos.pde.prefetch";
    public static final String ADMIN_PASSWORD = "procos.admin.password";
    public static final String METRICS_PASSWORD = "procos.metrics.password";
    public static final String HTTP_MAX_REQUEST_BYTES = "procos.http.max-request-bytes";
    public static final String DEPLOY_ALLOWED_BEANS = "procos.deploy.allowed-beans";
    public static final String DEPLOY_ALLOWED_CLASSES = "procos.deploy.allowed-classes";
    public static final String DEPLOY_ALLOWED_SCRIPT_LANGUAGES = "procos.deploy.allowed-script-languages";
    public static final String DEPLOY_ALLOWED_FUNCTIONS = "procos.deploy.allowed-functions";

    /** Most tasks one fetch-and-lock takes: a lane's window, capped so one query stays short. */
    static final int MAX_BATCH = 32;

    /**
     * Embedded default: an H2 file in the server's working directory, which Liberty sets to its output
     * dir. Commits on it are durable: see {@link #withDurableCommits(String)}.
     */
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/procos";

    /**
     * H2's write delay, off: every commit writes its changes to the database file before it returns.
     * By default (500 ms) H2 acknowledges a commit and writes it later, so a killed server lost
     * transactions it had acknowledged.
     */
    static final String H2_DURABLE_COMMITS = ";WRITE_DELAY=0";

    /** H2 URLs whose database is not a file this JVM writes: in memory, or opened by an H2 server. */
    private static final List<String> H2_NOT_EMBEDDED_FILE = List.of("mem:", "tcp:", "ssl:", "zip:", "memfs:", "memlzf:");

    private static final Set<String> HISTORY_LEVELS = Set.of("none", "activity", "audit", "full");

    private static final String JAVA_NAME = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
    private static final Pattern BEAN_NAME = Pattern.compile(JAVA_NAME);
    private static final Pattern CLASS_NAME = Pattern.compile(JAVA_NAME + "(\\." + JAVA_NAME + ")*");
    private static final Pattern SCRIPT_LANGUAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_.+-]*");
    private static final Pattern FUNCTION_NAME = Pattern.compile("(" + JAVA_NAME + ":)?" + JAVA_NAME);

    private final Function<String, Optional<String>> lookup;
    private final Path nodeIdFile;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private SettingsValidator(Function<String, Optional<String>> lookup, Path nodeIdFile) {
        this.lookup = key -> lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
        this.nodeIdFile = nodeIdFile;
    }

    /**
     * Validates every setting.
     *
     * @param nodeIdFile where the node id is kept when {@value #NODE_ID} is not set (generated into it
     *                   at the first boot); the server uses {@link NodeId#DEFAULT_FILE}
     * @throws InvalidSettingsException listing every problem found
     */
    public static KernelSettings validate(Function<String, Optional<String>> lookup, Path nodeIdFile)
            throws InvalidSettingsException {
        return new SettingsValidator(lookup, nodeIdFile).run();
    }

    /**
     * The URL with H2's write delay turned off ({@value #H2_DURABLE_COMMITS}) when it names an H2
     * database file this server opens itself and does not set {@code WRITE_DELAY} already; any other
     * URL as it is. An operator who prefers H2's delayed writes sets {@code WRITE_DELAY} in the URL.
     */
    static String withDurableCommits(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.contains(";write_delay=")) {
            return url;
        }
        String database = lower.substring("jdbc:h2:".length());
        return H2_NOT_EMBEDDED_FILE.stream().anyMatch(database::startsWith) ? url : url + H2_DURABLE_COMMITS;
    }

    private KernelSettings run() throws InvalidSettingsException {
        String url = withDurableCommits(lookup.apply(DB_URL).orElse(DEFAULT_DB_URL));
        Optional<DatabaseKind> kind = DatabaseKind.fromJdbcUrl(url);
        if (kind.isEmpty()) {
            problems.add(new ConfigProblem(DB_URL, url,
                    "not a supported JDBC URL; expected jdbc:h2:… (embedded) or jdbc:postgresql://host:port/db"));
        }
        String user = lookup.apply(DB_USER).orElse(kind.orElse(DatabaseKind.H2) == DatabaseKind.H2 ? "sa" : "");
        if (kind.orElse(null) == DatabaseKind.POSTGRESQL && user.isEmpty()) {
            problems.add(new ConfigProblem(DB_USER, null, "required when " + DB_URL + " points at PostgreSQL"));
        }
        String password = lookup.apply(DB_PASSWORD).orElse("");

        String history = lookup.apply(HISTORY).orElse("audit").toLowerCase();
        if (!HISTORY_LEVELS.contains(history)) {
            problems.add(new ConfigProblem(HISTORY, history, "must be one of " + String.join(", ", HISTORY_LEVELS.stream().sorted().toList())));
        }
        int jobThreads = integer(JOB_THREADS, 4, 1, 64);
        Duration monitor = duration(MONITOR_INTERVAL, Duration.ofSeconds(30), Duration.ofSeconds(1));
        Duration idle = duration(ROOT_IDLE_INTERVAL, Duration.ofMinutes(1), Duration.ofSeconds(1));
        Duration shutdown = duration(SHUTDOWN_TIMEOUT, Duration.ofSeconds(30), Duration.ZERO);
        GrpcSettings grpc = new GrpcSettings(
                integer(GRPC_PORT, 50051, 1, 65535),
                lookup.apply(GRPC_TOKEN),
                bool(GRPC_DEV_MODE, false),
                file(GRPC_TLS_CERT),
                file(GRPC_TLS_KEY),
                integer(GRPC_MAX_MESSAGE_BYTES, 4 * 1024 * 1024, 1024, 256 * 1024 * 1024));
        if (grpc.tlsCertChain().isPresent() != grpc.tlsPrivateKey().isPresent()) {
            problems.add(new ConfigProblem(grpc.tlsCertChain().isPresent() ? GRPC_TLS_KEY : GRPC_TLS_CERT, null,
                    "required together with " + (grpc.tlsCertChain().isPresent() ? GRPC_TLS_CERT : GRPC_TLS_KEY)));
        }
        Optional<Path> processesDir = directory(PROCESSES_DIR);
        Optional<Path> knowledgeDir = directory(KNOWLEDGE_DIR);
        Optional<Path> pdeConfig = file(PDE_CONFIG);
        DispatchSettings dispatch = new DispatchSettings(
                lookup.apply(NODE_ID).orElseGet(this::keptNodeId),
                MAX_BATCH,
                duration(PDE_LOCK_DURATION, Duration.ofMinutes(1), Duration.ofSeconds(1)),
                duration(PDE_TASK_TIMEOUT, Duration.ofSeconds(30), Duration.ofMillis(100)),
                integer(PDE_RETRIES, 3, 0, 100),
                duration(PDE_RETRY_BACKOFF, Duration.ofSeconds(1), Duration.ZERO),
                duration(PDE_SAFETY_POLL, Duration.ofSeconds(5), Duration.ofMillis(100)),
                integer(PDE_PREFETCH, DispatchSettings.DEFAULT_PREFETCH, 0, 256));
        GuardPolicy deploymentGuard = new GuardPolicy(
                names(DEPLOY_ALLOWED_BEANS, BEAN_NAME, "not a bean name (a Java identifier)",
                        GuardPolicy.ENGINE_BEANS::contains, "an engine service; expressions may never call it"),
                names(DEPLOY_ALLOWED_CLASSES, CLASS_NAME, "not a fully qualified Java class name"),
                names(DEPLOY_ALLOWED_SCRIPT_LANGUAGES, SCRIPT_LANGUAGE, "not a script language name", GuardPolicy::isJuel,
                        "JUEL scripts are expressions: write them without a language, where the deployment guard checks them"),
                names(DEPLOY_ALLOWED_FUNCTIONS, FUNCTION_NAME, "not an EL function name (name or prefix:name)"));

        SecuritySettings security = new SecuritySettings(password(ADMIN_PASSWORD), password(METRICS_PASSWORD),
                integer(HTTP_MAX_REQUEST_BYTES, (int) SecuritySettings.DEFAULT_MAX_REQUEST_BYTES, 1024, Integer.MAX_VALUE));

        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new KernelSettings(url, kind.orElseThrow(), user, password, history, jobThreads,
                monitor, idle, shutdown, grpc, processesDir, knowledgeDir, pdeConfig, dispatch, security, deploymentGuard);
    }

    /** A password from configuration; too short is a problem reported without the value. */
    private Optional<String> password(String key) {
        Optional<String> value = lookup.apply(key);
        if (value.isPresent() && value.get().length() < SecuritySettings.MIN_PASSWORD_LENGTH) {
            problems.add(new ConfigProblem(key, null, "must be at least " + SecuritySettings.MIN_PASSWORD_LENGTH + " characters"));
            return Optional.empty();
        }
        return value;
    }

    /** The node id kept in {@link #nodeIdFile}, generated at the first boot; a problem if it cannot be kept. */
    private String keptNodeId() {
        try {
            return NodeId.readOrCreate(nodeIdFile);
        } catch (IOException | RuntimeException e) {
            problems.add(new ConfigProblem(NODE_ID, null, "not set, and no node id could be kept in "
                    + nodeIdFile.toAbsolutePath() + " (" + e + "); set it, or make the working directory writable"));
            return "unknown";
        }
    }

    private int integer(String key, int fallback, int min, int max) {
        Optional<String> raw = lookup.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                problems.add(new ConfigProblem(key, raw.get(), "must be between " + min + " and " + max));
                // The problem is reported with the others; the settings built meanwhile must stay valid.
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(key, raw.get(), "not a whole number"));
            return fallback;
        }
    }

    private Set<String> names(String key, Pattern valid, String invalidReason) {
        return names(key, valid, invalidReason, name -> false, null);
    }

    /**
     * A comma-separated list; every entry must match {@code valid} and not be {@code forbidden}, and
     * each one that does not is a problem of its own.
     */
    private Set<String> names(String key, Pattern valid, String invalidReason, Predicate<String> forbidden, String forbiddenReason) {
        Set<String> names = new TreeSet<>();
        for (String entry : lookup.apply(key).orElse("").split(",")) {
            String name = entry.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!valid.matcher(name).matches()) {
                problems.add(new ConfigProblem(key, name, invalidReason));
            } else if (forbidden.test(name)) {
                problems.add(new ConfigProblem(key, name, forbiddenReason));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> raw = lookup.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        switch (raw.get().toLowerCase()) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problems.add(new ConfigProblem(key, raw.get(), "must be true or false"));
                return fallback;
        }
    }

    private Duration duration(String key, Duration fallback, Duration min) {
        Optional<String> raw = lookup.apply(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            Duration value = Duration.parse(raw.get());
            if (value.compareTo(min) < 0) {
                problems.add(new ConfigProblem(key, raw.get(), "must be at least " + min));
            }
            return value;
        } catch (DateTimeParseException e) {
            problems.add(new ConfigProblem(key, raw.get(), "not an ISO-8601 duration such as PT30S or PT5M"));
            return fallback;
        }
    }

    private Optional<Path> file(String key) {
        Optional<String> raw = lookup.apply(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(raw.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                problems.add(new ConfigProblem(key, raw.get(), "no such file"));
            } else if (!Files.isReadable(file)) {
                problems.add(new ConfigProblem(key, raw.get(), "file is not readable"));
            }
            return Optional.of(file);
        } catch (InvalidPathException e) {
            problems.add(new ConfigProblem(key, raw.get(), "not a valid path: " + e.getReason()));
            return Optional.empty();
        }
    }

    private Optional<Path> directory(String key) {
        Optional<String> raw = lookup.apply(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of(raw.get()).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                problems.add(new ConfigProblem(key, raw.get(), "no such directory"));
            } else if (!Files.isReadable(dir)) {
                problems.add(new ConfigProblem(key, raw.get(), "directory is not readable"));
            }
            return Optional.of(dir);
        } catch (InvalidPathException e) {
            problems.add(new ConfigProblem(key, raw.get(), "not a valid path: " + e.getReason()));
            return Optional.empty();
        }
    }
}
