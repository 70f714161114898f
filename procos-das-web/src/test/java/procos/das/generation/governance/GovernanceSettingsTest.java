package procos.das.generation.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import procos.kernel.config.ConfigProblem;
import procos.kernel.config.InvalidSettingsException;

class GovernanceSettingsTest {

    private static GovernanceSettings read(Map<String, String> values) throws InvalidSettingsException {
        return GovernanceSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsAreTheSafeOnes() {
        GovernanceSettings settings = GovernanceSettings.defaults();

        assertThat(settings.forbiddenTaskTypes()).extracting(TaskTypePattern::text)
                .containsExactly("script.*", "files.delete", "jdbc.execute");
        assertThat(settings.forbiddenEndpoints()).isEmpty();
        assertThat(settings.approvalDomains()).containsExactlyInAnyOrder("finance", "healthcare");
        assertThat(settings.autoApprove()).isFalse();
        assertThat(settings.namePattern()).isEmpty();
        assertThat(settings.maxSteps()).isEqualTo(200);
        assertThat(settings.versionsKept()).isEqualTo(10);
    }

    @Test
    void configuredValuesAreRead() throws Exception {
        GovernanceSettings settings = read(Map.of(
                GovernanceSettings.FORBIDDEN_TASK_TYPES, " ops.* , files.delete ",
                GovernanceSettings.FORBIDDEN_ENDPOINTS, "root-shell,legacy:db",
                GovernanceSettings.APPROVAL_DOMAINS, "Finance, HR",
                GovernanceSettings.AUTO_APPROVE, "TRUE",
                GovernanceSettings.NAME_PATTERN, "[A-Z].*",
                GovernanceSettings.MAX_STEPS, "50",
                GovernanceSettings.VERSIONS_KEEP, "3"));

        assertThat(settings.forbiddenTaskTypes()).extracting(TaskTypePattern::text).containsExactly("ops.*", "files.delete");
        assertThat(settings.forbiddenEndpoints()).containsExactlyInAnyOrder("root-shell", "legacy:db");
        assertThat(settings.approvalDomains()).containsExactlyInAnyOrder("finance", "hr");
        assertThat(settings.autoApprove()).isTrue();
        assertThat(settings.namePattern().orElseThrow().matcher("Orders").matches()).isTrue();
        assertThat(settings.maxSteps()).isEqualTo(50);
        assertThat(settings.versionsKept()).isEqualTo(3);
    }

    @Test
    void noneEmptiesAListWhileABlankValueKeepsTheDefault() throws Exception {
        assertThat(read(Map.of(GovernanceSettings.FORBIDDEN_TASK_TYPES, "none")).forbiddenTaskTypes()).isEmpty();
        assertThat(read(Map.of(GovernanceSettings.APPROVAL_DOMAINS, "NONE")).approvalDomains()).isEmpty();
        assertThat(read(Map.of(GovernanceSettings.FORBIDDEN_TASK_TYPES, "  ")).forbiddenTaskTypes()).hasSize(3);
    }

    @Test
    void everyInvalidSettingIsReportedAtOnceNamingItsKey() {
        assertThatThrownBy(() -> read(Map.of(
                GovernanceSettings.FORBIDDEN_TASK_TYPES, "script.*, rm -rf, a*b",
                GovernanceSettings.FORBIDDEN_ENDPOINTS, "ok,not ok",
                GovernanceSettings.APPROVAL_DOMAINS, "finance,f/n",
                GovernanceSettings.AUTO_APPROVE, "yes",
                GovernanceSettings.NAME_PATTERN, "[unclosed",
                GovernanceSettings.MAX_STEPS, "0",
                GovernanceSettings.VERSIONS_KEEP, "ten")))
                .isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).problems())
                        .extracting(ConfigProblem::setting, ConfigProblem::value)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.FORBIDDEN_TASK_TYPES, "rm -rf"),
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.FORBIDDEN_TASK_TYPES, "a*b"),
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.FORBIDDEN_ENDPOINTS, "not ok"),
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.APPROVAL_DOMAINS, "f/n"),
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.AUTO_APPROVE, "yes"),
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.NAME_PATTERN, "[unclosed"),
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.MAX_STEPS, "0"),
                                org.assertj.core.groups.Tuple.tuple(GovernanceSettings.VERSIONS_KEEP, "ten")));
    }

    @Test
    void aPrefixPatternMatchesTypesStartingWithItIgnoringCase() {
        TaskTypePattern scripts = new TaskTypePattern("script.*");
        TaskTypePattern exact = new TaskTypePattern("files.delete");

        assertThat(scripts.matches("script.python")).isTrue();
        assertThat(scripts.matches("SCRIPT.js")).isTrue();
        assertThat(scripts.matches("scripting.run")).isFalse();
        assertThat(exact.matches("files.delete")).isTrue();
        assertThat(exact.matches("files.delete.all")).isFalse();
        assertThatThrownBy(() -> new TaskTypePattern("a*b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a*b");
    }
}
