package procos.pde.endpoint.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;

class ScriptSettingsTest {

    @TempDir
    Path temp;

    @Test
    void defaultsRunPythonAndShFromThePlainSystemPathForThirtySeconds() throws Exception {
        Path root = temp.resolve("a/sandbox");

        ScriptSettings settings = ScriptSettings.from(config(Map.of("sandbox_root", root.toString()), Optional.empty()));

        assertThat(settings.sandboxRoot()).isEqualTo(root.toRealPath());
        assertThat(settings.scriptsDir()).isEmpty();
        assertThat(settings.commands().executables()).containsOnlyKeys("python3", "sh");
        assertThat(settings.commands().executables().values()).allMatch(Files::isExecutable);
        assertThat(settings.searchPath()).isEqualTo("/usr/local/bin:/usr/bin:/bin");
        assertThat(settings.lang()).isEqualTo("C.UTF-8");
        assertThat(settings.environment()).isEmpty();
        assertThat(settings.maxExecutionTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxOutputBytes()).isEqualTo(1L << 20);
        assertThat(settings.allowInlineScripts()).isFalse();
    }

    @Test
    void theEndpointTimeoutIsTheLimitUnlessMaxExecutionTimeIsSet() {
        Map<String, String> base = Map.of("sandbox_root", temp.toString());
        Map<String, String> explicit = Map.of("sandbox_root", temp.toString(), "max_execution_time", "PT2M");

        assertThat(ScriptSettings.from(config(base, Optional.of(Duration.ofSeconds(5)))).maxExecutionTime())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(ScriptSettings.from(config(explicit, Optional.of(Duration.ofSeconds(5)))).maxExecutionTime())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void commandsMayBeAbsolutePathsAndVariablesAreNamedAfterTheirPrefix() {
        ScriptSettings settings = ScriptSettings.from(config(Map.of("sandbox_root", temp.toString(),
                "allowed_commands", "/bin/sh", "env.REGION", "eu", "env.API_URL", "http://x"), Optional.empty()));

        assertThat(settings.commands().executable("/bin/sh")).contains(Path.of("/bin/sh"));
        assertThat(settings.commands().executable("sh")).isEmpty();
        assertThat(settings.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("REGION", "eu", "API_URL", "http://x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "allowed_commands=no-such-interpreter-xyz | allowed_commands | is not found on path",
        "allowed_commands=./python3              | allowed_commands | must be a bare command name or an absolute path",
        "allowed_commands=/etc                    | allowed_commands | is not an executable file",
        "allowed_commands=,                       | allowed_commands | lists no command",
        "env.HOME=/root                          | env.HOME         | is set by the endpoint",
        "env.1ST=x                               | env.1ST          | is not a valid environment variable name",
        "max_output_bytes=0                      | max_output_bytes | must be between 1",
        "max_execution_time=30                   | max_execution_time | ISO-8601",
        "allow_inline_scripts=yes                | allow_inline_scripts | true or false",
        "scripts_dir=/no/such/dir                | scripts_dir      | is not a usable directory",
        "interpreters=python3                    | interpreters     | is not a setting of script endpoints",
    })
    void badSettingsAreRefusedNamingEndpointAndSetting(String extra, String setting, String reason) {
        Map<String, String> settings = new HashMap<>(Map.of("sandbox_root", temp.toString()));
        String[] pair = extra.split("=", 2);
        settings.put(pair[0], pair[1]);

        assertThatThrownBy(() -> ScriptSettings.from(config(settings, Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint 'scripts': setting '" + setting + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void theSandboxRootIsRequired() {
        assertThatThrownBy(() -> ScriptSettings.from(config(Map.of(), Optional.empty())))
                .hasMessageStartingWith("endpoint 'scripts': setting 'sandbox_root' is required");
    }

    private static EndpointConfig config(Map<String, String> settings, Optional<Duration> timeout) {
        return new EndpointConfig("scripts", EndpointKind.SCRIPT, Optional.empty(), Optional.empty(), timeout, settings);
    }
}
