package procos.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.kernel.deploy.guard.GuardPolicy;
import procos.kernel.root.RootOrchestrator;

class SettingsValidatorTest {

    private final Map<String, String> config = new HashMap<>();

    @TempDir
    Path workingDir;

    private KernelSettings validate() throws InvalidSettingsException {
        return SettingsValidator.validate(key -> Optional.ofNullable(config.get(key)), workingDir.resolve("node.id"));
    }

    @Test
    void emptyConfigurationGivesTheEmbeddedDefaults() throws Exception {
        KernelSettings settings = validate();

        assertThat(settings.databaseKind()).isEqualTo(DatabaseKind.H2);
        assertThat(settings.databaseUrl()).isEqualTo("jdbc:h2:file:./data/procos;WRITE_DELAY=0");
        assertThat(settings.databaseUser()).isEqualTo("sa");
        assertThat(settings.history()).isEqualTo("audit");
        assertThat(settings.monitorInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.rootIdleInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.grpc().port()).isEqualTo(50051);
        assertThat(settings.extraProcessesDir()).isEmpty();
    }

    @Test
    void postgresqlUrlSelectsPostgresqlWithItsCredentials() throws Exception {
        config.put(SettingsValidator.DB_URL, "jdbc:postgresql://127.0.0.1:5432/test");
        config.put(SettingsValidator.DB_USER, "procos");
        config.put(SettingsValidator.DB_PASSWORD, "pw");

        KernelSettings settings = validate();

        assertThat(settings.databaseKind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(settings.databaseUser()).isEqualTo("procos");
        assertThat(settings.databasePassword()).isEqualTo("pw");
    }

    @Test
    void everyProblemIsReportedTogetherNamingSettingAndReason() {
        config.put(SettingsValidator.DB_URL, "mysql://localhost/db");
        config.put(SettingsValidator.HISTORY, "everything");
        config.put(SettingsValidator.JOB_THREADS, "lots");
        config.put(SettingsValidator.MONITOR_INTERVAL, "30 seconds");
        config.put(SettingsValidator.ROOT_IDLE_INTERVAL, "PT0S");
        config.put(SettingsValidator.GRPC_PORT, "70000");
        config.put(SettingsValidator.PROCESSES_DIR, "/no/such/folder");

        InvalidSettingsException error = catchThrowableOfType(this::validate, InvalidSettingsException.class);

        assertThat(error.problems()).extracting(ConfigProblem::setting).containsExactly(
                SettingsValidator.DB_URL, SettingsValidator.HISTORY, SettingsValidator.JOB_THREADS,
                SettingsValidator.MONITOR_INTERVAL, SettingsValidator.ROOT_IDLE_INTERVAL,
                SettingsValidator.GRPC_PORT, SettingsValidator.PROCESSES_DIR);
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                "procos.db.url='mysql://localhost/db': not a supported JDBC URL; expected jdbc:h2:… (embedded) or jdbc:postgresql://host:port/db",
                "procos.engine.history='everything': must be one of activity, audit, full, none",
                "procos.engine.job-threads='lots': not a whole number",
                "procos.monitor.interval='30 seconds': not an ISO-8601 duration such as PT30S or PT5M",
                "procos.root.idle-interval='PT0S': must be at least PT1S",
                "procos.grpc.port='70000': must be between 1 and 65535",
                "procos.processes.dir='/no/such/folder': no such directory");
    }

    @Test
    void postgresqlWithoutUserIsRefused() {
        config.put(SettingsValidator.DB_URL, "jdbc:postgresql://127.0.0.1:5432/test");

        assertThatThrownBy(this::validate)
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("procos.db.user: required when procos.db.url points at PostgreSQL");
    }

    @Test
    void blankValuesCountAsUnsetAndSurroundingSpaceIsIgnored() throws Exception {
        config.put(SettingsValidator.DB_URL, "   ");
        config.put(SettingsValidator.GRPC_PORT, " 6000 ");

        KernelSettings settings = validate();

        assertThat(settings.databaseUrl()).isEqualTo(SettingsValidator.DEFAULT_DB_URL + ";WRITE_DELAY=0");
        assertThat(settings.grpc().port()).isEqualTo(6000);
    }

    @Test
    void existingProcessesFolderIsAccepted(@TempDir Path folder) throws Exception {
        config.put(SettingsValidator.PROCESSES_DIR, folder.toString());

        assertThat(validate().extraProcessesDir()).contains(folder.toAbsolutePath().normalize());
    }

    @Test
    void knowledgeFolderMustExistAndIsUnsetByDefault(@TempDir Path folder) throws Exception {
        assertThat(validate().knowledgeDir()).isEmpty();

        config.put(SettingsValidator.KNOWLEDGE_DIR, folder.toString());
        assertThat(validate().knowledgeDir()).contains(folder.toAbsolutePath().normalize());

        config.put(SettingsValidator.KNOWLEDGE_DIR, folder.resolve("missing").toString());
        assertThatThrownBy(this::validate).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("procos.knowledge.dir=").hasMessageContaining("no such directory");
    }

    @Test
    void dispatchPrefetchDefaultsToEightPerPoolAndRefusesNegativeValues() throws Exception {
        assertThat(validate().dispatch().prefetch()).isEqualTo(8);

        config.put(SettingsValidator.PDE_PREFETCH, "0");
        assertThat(validate().dispatch().prefetch()).isZero();

        config.put(SettingsValidator.PDE_PREFETCH, "-1");
        assertThatThrownBy(this::validate).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("procos.pde.prefetch='-1'");
    }

    @Test
    void credentialsAreGeneratedUnlessGivenAndAShortPasswordIsRefusedWithoutEchoingIt() throws Exception {
        SecuritySettings defaults = validate().security();
        assertThat(defaults.adminPassword()).isEmpty();
        assertThat(defaults.metricsPassword()).isEmpty();
        assertThat(defaults.maxRequestBytes()).isEqualTo(SecuritySettings.DEFAULT_MAX_REQUEST_BYTES);

        config.put(SettingsValidator.ADMIN_PASSWORD, "a long enough secret");
        assertThat(validate().security().adminPassword()).contains("a long enough secret");
        assertThat(validate().toString()).doesNotContain("a long enough secret");

        config.put(SettingsValidator.METRICS_PASSWORD, "short1");
        config.put(SettingsValidator.HTTP_MAX_REQUEST_BYTES, "12");
        assertThatThrownBy(this::validate).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("procos.metrics.password").hasMessageContaining("at least 12 characters")
                .hasMessageNotContaining("short1")
                .hasMessageContaining("procos.http.max-request-bytes='12'");
    }

    @Test
    void deploymentAllowlistsAreEmptyByDefaultSoOnlyProcosBeansMayBeCalled() throws Exception {
        GuardPolicy policy = validate().deploymentGuard();

        assertThat(policy.allowedBeans()).isEmpty();
        assertThat(policy.allowedClasses()).isEmpty();
        assertThat(policy.allowedScriptLanguages()).isEmpty();
        assertThat(policy.allowedFunctions()).isEmpty();
        assertThat(policy.allowsBean(RootOrchestrator.BEAN_NAME)).isTrue();
    }

    @Test
    void deploymentAllowlistsAreCommaSeparatedNames() throws Exception {
        config.put(SettingsValidator.DEPLOY_ALLOWED_BEANS, "invoiceService, mailer ,");
        config.put(SettingsValidator.DEPLOY_ALLOWED_CLASSES, "com.acme.InvoiceDelegate,com.acme.Outer$Inner");
        config.put(SettingsValidator.DEPLOY_ALLOWED_SCRIPT_LANGUAGES, "Groovy");
        config.put(SettingsValidator.DEPLOY_ALLOWED_FUNCTIONS, "now,fn:upper");

        GuardPolicy policy = validate().deploymentGuard();

        assertThat(policy.allowedBeans()).containsExactlyInAnyOrder("invoiceService", "mailer");
        assertThat(policy.allowsBean(RootOrchestrator.BEAN_NAME)).as("ProcOS's own beans stay callable").isTrue();
        assertThat(policy.allowedClasses()).containsExactlyInAnyOrder("com.acme.InvoiceDelegate", "com.acme.Outer$Inner");
        assertThat(policy.allowsScriptLanguage("groovy")).isTrue();
        assertThat(policy.allowedFunctions()).containsExactlyInAnyOrder("now", "fn:upper");
    }

    @Test
    void invalidAllowlistEntriesAndEngineServicesAreRefusedOneByOne() {
        config.put(SettingsValidator.DEPLOY_ALLOWED_BEANS, "ok, not a bean, runtimeService");
        config.put(SettingsValidator.DEPLOY_ALLOWED_CLASSES, "java.lang.Runtime;rm");
        config.put(SettingsValidator.DEPLOY_ALLOWED_SCRIPT_LANGUAGES, "groovy script, JUEL");
        config.put(SettingsValidator.DEPLOY_ALLOWED_FUNCTIONS, "a:b:c");

        InvalidSettingsException error = catchThrowableOfType(this::validate, InvalidSettingsException.class);

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                "procos.deploy.allowed-beans='not a bean': not a bean name (a Java identifier)",
                "procos.deploy.allowed-beans='runtimeService': an engine service; expressions may never call it",
                "procos.deploy.allowed-classes='java.lang.Runtime;rm': not a fully qualified Java class name",
                "procos.deploy.allowed-script-languages='groovy script': not a script language name",
                "procos.deploy.allowed-script-languages='JUEL': JUEL scripts are expressions: write them without a language, where the deployment guard checks them",
                "procos.deploy.allowed-functions='a:b:c': not an EL function name (name or prefix:name)");
    }

    @Test
    void commitsOnAnH2FileThisServerOpensAreWrittenBeforeTheyAreAcknowledgedUnlessTheUrlSaysOtherwise() throws Exception {
        config.put(SettingsValidator.DB_URL, "jdbc:h2:/srv/procos/db;MODE=Regular");
        assertThat(validate().databaseUrl()).isEqualTo("jdbc:h2:/srv/procos/db;MODE=Regular;WRITE_DELAY=0");

        config.put(SettingsValidator.DB_URL, "jdbc:h2:file:/srv/procos/db;write_delay=500");
        assertThat(validate().databaseUrl()).as("the operator's own choice stays").isEqualTo("jdbc:h2:file:/srv/procos/db;write_delay=500");

        for (String notAFileOfOurs : new String[] {"jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://db:9092/procos",
                "jdbc:h2:ssl://db/procos", "jdbc:postgresql://127.0.0.1:5432/procos"}) {
            config.put(SettingsValidator.DB_URL, notAFileOfOurs);
            config.put(SettingsValidator.DB_USER, "procos");
            assertThat(validate().databaseUrl()).isEqualTo(notAFileOfOurs);
        }
    }

    @Test
    void withoutANodeIdOneIsGeneratedOnceKeptOwnerOnlyAndReusedOnEveryLaterBoot() throws Exception {
        Path file = workingDir.resolve("node.id");

        String first = validate().dispatch().workerId();

        assertThat(first).isNotBlank().doesNotContain(String.valueOf(ProcessHandle.current().pid()));
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(validate().dispatch().workerId()).as("the next boot").isEqualTo(first);
        try (var leftovers = Files.list(workingDir)) {
            assertThat(leftovers).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void aSetNodeIdWinsAndNothingIsWritten() throws Exception {
        config.put(SettingsValidator.NODE_ID, "node-7");

        assertThat(validate().dispatch().workerId()).isEqualTo("node-7");
        assertThat(workingDir.resolve("node.id")).doesNotExist();
    }

    @Test
    void aNodeIdThatCannotBeKeptIsAProblemNamingTheSetting() throws Exception {
        Files.writeString(workingDir.resolve("file"), "not a directory");

        InvalidSettingsException error = catchThrowableOfType(
                () -> SettingsValidator.validate(key -> Optional.empty(), workingDir.resolve("file/node.id")),
                InvalidSettingsException.class);

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.setting()).isEqualTo(SettingsValidator.NODE_ID);
            assertThat(problem.reason()).contains("file/node.id").contains("set it");
        });
    }
}
