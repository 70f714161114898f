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
