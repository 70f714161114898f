package procos.pde.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import procos.pde.endpoint.files.FilesEndpoint;
import procos.pde.endpoint.http.HttpEndpoint;
import procos.pde.endpoint.jdbc.JdbcEndpoint;
import procos.pde.endpoint.llm.LlmEndpoint;
import procos.pde.endpoint.llm.LlmProvider;
import procos.pde.endpoint.mail.MailEndpoint;
import procos.pde.endpoint.mail.MailSettings;
import procos.pde.endpoint.script.ScriptEndpoint;
import procos.pde.endpoint.subpde.SubPdeEndpoint;
import procos.pde.meta.MetaEndpoint;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.pool.PdeManagerConfig;
import procos.pde.pool.PdeManagerConfigLoader;

class EndpointFactoryTest {

    private static final String EXAMPLE = "/procos/pde/pde-manager.example.yaml";

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @TempDir
    Path temp;

    @Test
    void noopHttpAndFilesEndpointsAreBuiltFromTheConfiguration() throws Exception {
        PdeManagerConfig config = load("""
                pde_manager:
                  node_id: test-node
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 2
                      endpoints: [noop, web, work]
                  endpoints:
                    - id: noop
                      kind: builtin
                    - id: web
                      kind: http
                      timeout: PT3S
                      settings:
                        allowed_hosts: "api.example.com, *.example.org"
                        max_response_bytes: 2048
                        follow_redirects: true
                    - id: work
                      kind: files
                      settings:
                        root: %s
                        read_only: true
                        max_file_bytes: 4096
                """.formatted(temp.resolve("sandbox")), Map.of());

        EndpointRegistry registry = EndpointFactory.registryFor(config);

        assertThat(registry.all()).extracting(Endpoint::id).containsExactly("noop", "web", "work");
        HttpEndpoint web = (HttpEndpoint) registry.get("web").orElseThrow();
        assertThat(web.settings().allowedHosts().entries()).containsExactly("api.example.com", "*.example.org");
        assertThat(web.settings().maxResponseBytes()).isEqualTo(2048);
        assertThat(web.settings().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(web.settings().followRedirects()).isTrue();
        FilesEndpoint work = (FilesEndpoint) registry.get("work").orElseThrow();
        assertThat(work.settings().root()).isEqualTo(temp.resolve("sandbox").toRealPath());
        assertThat(work.settings().readOnly()).isTrue();
        assertThat(work.settings().maxFileBytes()).isEqualTo(4096);
        assertThat(registry.taskTypes()).containsExactly("echo", "files.list", "files.read", "http.get", "http.request", "noop");
    }

    @Test
    void llmAndMailEndpointsAreBuiltFromTheConfiguration() throws Exception {
        PdeManagerConfig config = load("""
                pde_manager:
                  node_id: test-node
                  pools:
                    - type: general_purpose
                      instances: 1
                      max_concurrent_tasks: 2
                      endpoints: [gpt, local, unset, mailer]
                  endpoints:
                    - id: gpt
                      kind: llm
                      timeout: PT20S
                      settings:
                        provider: openai
                        base_url: https://llm.example.com/v1
                        model: gpt-4o-mini
                        api_key: ${LLM_KEY}
                        task_types: summarize
                    - id: local
                      kind: llm
                      settings:
                        provider: ollama
                        base_url: http://127.0.0.1:11434
                        model: llama3.2
                    - id: unset
                      kind: llm
                      settings:
                        provider: openai
                        base_url: ${NO_SUCH_URL:}
                    - id: mailer
                      kind: mail
                      settings:
                        host: smtp.example.com
                        from: procos@example.com
                        username: procos
                        password: ${SMTP_PASSWORD}
                        allowed_recipient_domains: example.com
                        max_recipients: 5
                """, Map.of("LLM_KEY", "sk-factory", "SMTP_PASSWORD", "pw-factory"));

        EndpointRegistry registry = EndpointFactory.registryFor(config);

        LlmEndpoint gpt = (LlmEndpoint) registry.get("gpt").orElseThrow();
        assertThat(gpt.settings().apiKey()).contains("sk-factory");
        assertThat(gpt.settings().timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(((LlmEndpoint) registry.get("local").orElseThrow()).settings().provider()).isEqualTo(LlmProvider.OLLAMA);
        assertThat(((LlmEndpoint) registry.get("unset").orElseThrow()).settings().configured()).isFalse();
        MailEndpoint mailer = (MailEndpoint) registry.get("mailer").orElseThrow();
        assertThat(mailer.settings().port()).isEqualTo(587);
        assertThat(mailer.settings().tls()).isEqualTo(MailSettings.Tls.STARTTLS);
        assertThat(mailer.settings().maxRecipients()).isEqualTo(5);
        assertThat(registry.taskTypes()).containsExactly("llm.chat", "mail.send", "summarize");
        assertThat(String.join("\n", log.lines())).doesNotContain("sk-factory").doesNotContain("pw-factory");
    }

    @Test
    void scriptAndJdbcEndpointsAreBuiltFromTheConfiguration() throws Exception {
        Path scripts = Files.createDirectory(temp.resolve("scripts"));
        PdeManagerConfig config = load("""
                pde_manager:
                  node_id: test-node
                  pools:
                    - type: integration
                      instances: 1
                      max_concurrent_tasks: 2
                      endpoints: [run, db]
                      task_types: [script.run, jdbc.execute, customer.by_id]
                  endpoints:
                    - id: run
                      kind: script
                      timeout: PT7S
                      settings:
                        sandbox_root: %s
                        scripts_dir: %s
                        allowed_commands: python3
                        env.REGION: eu
                    - id: db
                      kind: jdbc
                      settings:
                        url: jdbc:h2:mem:factory
                        password: ${DB_PASSWORD}
                        statement.customer.by_id: SELECT * FROM customer WHERE id = ?
                        max_rows: 50
                """.formatted(temp.resolve("runs"), scripts), Map.of("DB_PASSWORD", "from-the-environment"));

        EndpointRegistry registry = EndpointFactory.registryFor(config);

        ScriptEndpoint run = (ScriptEndpoint) registry.get("run").orElseThrow();
        assertThat(run.settings().sandboxRoot()).isEqualTo(temp.resolve("runs").toRealPath());
        assertThat(run.settings().scriptsDir()).contains(scripts.toRealPath());
        assertThat(run.settings().commands().executables()).containsOnlyKeys("python3");
        assertThat(run.settings().environment()).containsExactly(Map.entry("REGION", "eu"));
        assertThat(run.settings().maxExecutionTime()).isEqualTo(Duration.ofSeconds(7));
        JdbcEndpoint db = (JdbcEndpoint) registry.get("db").orElseThrow();
        assertThat(db.settings().password()).contains("from-the-environment");
        assertThat(db.settings().statements()).containsOnlyKeys("customer.by_id");
        assertThat(db.settings().maxRows()).isEqualTo(50);
        assertThat(db.settings().writable()).isFalse();
        assertThat(registry.taskTypes()).containsExactly("customer.by_id", "jdbc.execute", "script.run");
        assertThat(log.lines()).noneMatch(line -> line.contains("from-the-environment"));
    }

    @Test
    void theExamplesEndpointsOfEveryKindAreBuilt() throws Exception {
        Files.createDirectory(temp.resolve("scripts"));
        PdeManagerConfig example;
        try (InputStream in = EndpointFactoryTest.class.getResourceAsStream(EXAMPLE)) {
            example = PdeManagerConfigLoader.load(in, EXAMPLE, Map.of(
                    "OPENAI_API_KEY", "k", "SUMMARIZER_TOKEN", "t", "NODE_B_TOKEN", "t", "ERP_DB_PASSWORD", "p",
                    "PROCOS_FILES_ROOT", temp.resolve("files").toString(),
                    "PROCOS_SCRIPT_SANDBOX", temp.resolve("runs").toString(),
                    "PROCOS_SCRIPTS_DIR", temp.resolve("scripts").toString())::get);
        }
        Map<EndpointKind, Class<? extends Endpoint>> built = Map.of(
                EndpointKind.BUILTIN, NoopEndpoint.class, EndpointKind.REMOTE, RemoteEndpoint.class,
                EndpointKind.PDE, SubPdeEndpoint.class, EndpointKind.HTTP, HttpEndpoint.class,
                EndpointKind.FILES, FilesEndpoint.class, EndpointKind.LLM, LlmEndpoint.class,
                EndpointKind.MAIL, MailEndpoint.class, EndpointKind.SCRIPT, ScriptEndpoint.class,
                EndpointKind.JDBC, JdbcEndpoint.class);
        assertThat(built).containsOnlyKeys(EndpointKind.values());
        assertThat(example.endpoints()).extracting(EndpointConfig::kind).contains(EndpointKind.values());
        IllegalArgumentException unknown = catchThrowableOfType(IllegalArgumentException.class,
                () -> EndpointFactory.create(endpoint("other", EndpointKind.BUILTIN, Map.of())));
        assertThat(unknown.getMessage()).contains(Arrays.stream(EndpointKind.values()).map(EndpointKind::yamlName).toList());

        // Builds only: nothing is described or called, so no address in the example is contacted.
        EndpointRegistry registry = EndpointFactory.registryFor(example);
        try {
            for (EndpointConfig endpoint : example.endpoints()) {
                assertThat(registry.get(endpoint.id())).as(endpoint.id()).get().isInstanceOf(built.get(endpoint.kind()));
            }
            assertThat(registry.get(MetaEndpoint.ID)).get().isInstanceOf(MetaEndpoint.class);
            assertThat(temp.resolve("files")).isDirectory();
            assertThat(temp.resolve("runs")).isDirectory();
        } finally {
            for (Endpoint endpoint : registry.all()) {
                if (endpoint instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
    }

    @Test
    void everyBadEndpointIsReportedByIdAndSetting() {
        PdeManagerConfig config = new PdeManagerConfig("n", List.of(), java.util.List.of(
                endpoint("web", EndpointKind.HTTP, Map.of()),
                endpoint("web2", EndpointKind.HTTP, Map.of("allowed_hosts", "a.example", "max_response_bytes", "lots")),
                endpoint("work", EndpointKind.FILES, Map.of()),
                endpoint("model", EndpointKind.LLM, Map.of("provider", "openai", "base_url", "http://h/v1")),
                endpoint("mailer", EndpointKind.MAIL, Map.of("host", "smtp.example.com", "from", "a@example.com")),
                endpoint("run", EndpointKind.SCRIPT, Map.of()),
                endpoint("db", EndpointKind.JDBC, Map.of("url", "jdbc:h2:mem:x", "statement.wipe", "DELETE FROM t")),
                endpoint("other", EndpointKind.BUILTIN, Map.of())), List.of(), List.of(),
                List.of());

        assertThatThrownBy(() -> EndpointFactory.registryFor(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint 'web': setting 'allowed_hosts' is required")
                .hasMessageContaining("endpoint 'web2': setting 'max_response_bytes' must be a whole number")
                .hasMessageContaining("endpoint 'work': setting 'root' is required")
                .hasMessageContaining("endpoint 'model': setting 'model' is required")
                .hasMessageContaining("endpoint 'mailer': setting 'allowed_recipient_domains' is required")
                .hasMessageContaining("endpoint 'run': setting 'sandbox_root' is required")
                .hasMessageContaining("endpoint 'db': setting 'statement.wipe' is a DELETE statement, but the endpoint is read-only")
                .hasMessageContaining("endpoint 'other': there is no builtin endpoint of that id"
                        + " (available: builtin 'noop', remote, pde, http, files, llm, mail, script, jdbc)");
    }

    @Test
    void aRemoteEndpointWithSettingsIsRefusedByName() {
        EndpointConfig config = new EndpointConfig("py", EndpointKind.REMOTE, Optional.of("localhost:50071"),
                Optional.empty(), Optional.empty(), Map.of("tls", "true"));

        assertThatThrownBy(() -> EndpointFactory.create(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint 'py': setting 'tls' is not a setting of remote endpoints")
                .hasMessageContaining("the endpoint's own tls mapping");
    }

    @Test
    void aFilesRootThatCannotBeADirectoryIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "x");

        assertThatThrownBy(() -> EndpointFactory.create(endpoint("work", EndpointKind.FILES, Map.of("root", file.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint 'work': setting 'root'")
                .hasMessageContaining("is not a usable directory");
    }

    @Test
    void aMetaPoolGetsTheMetaEndpointSendingSubTasksToItsPdeEndpoints() throws Exception {
        PdeManagerConfig config = load("""
                pde_manager:
                  node_id: test-node
                  pools:
                    - type: meta
                      instances: 1
                      max_concurrent_tasks: 2
                      endpoints: [workers]
                      task_types: [meta.run]
                  endpoints:
                    - id: workers
                      kind: pde
                      address: localhost:1
                """, Map.of());

        EndpointRegistry registry = EndpointFactory.registryFor(config);

        assertThat(registry.get("workers")).get().isInstanceOf(SubPdeEndpoint.class);
        assertThat(registry.capableOf("meta.run")).extracting(Endpoint::id).containsExactly(MetaEndpoint.ID);
        registry.all().stream().filter(SubPdeEndpoint.class::isInstance).forEach(e -> ((SubPdeEndpoint) e).close());
    }

    private static EndpointConfig endpoint(String id, EndpointKind kind, Map<String, String> settings) {
        return new EndpointConfig(id, kind, Optional.empty(), Optional.empty(), Optional.empty(), settings);
    }

    private static PdeManagerConfig load(String yaml, Map<String, String> env) throws Exception {
        return PdeManagerConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml",
                env::get);
    }
}
