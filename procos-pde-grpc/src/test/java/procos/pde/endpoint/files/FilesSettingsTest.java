package procos.pde.endpoint.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;

class FilesSettingsTest {

    @TempDir
    Path temp;

    @Test
    void aMissingRootIsCreatedWithItsParents() throws Exception {
        Path root = temp.resolve("a/b/root");

        FilesSettings settings = FilesSettings.from(config(Map.of("root", root.toString())));

        assertThat(root).isDirectory();
        assertThat(settings.root()).isEqualTo(root.toRealPath());
        assertThat(settings.readOnly()).isFalse();
        assertThat(settings.maxFileBytes()).isEqualTo(FilesSettings.DEFAULT_MAX_FILE_BYTES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "read_only=maybe        | read_only",
        "max_file_bytes=0       | max_file_bytes",
        "max_file_bytes=-1      | max_file_bytes",
        "max_file_bytes=10MB    | max_file_bytes",
        "max_file_bytes=999999999999 | max_file_bytes",
        "base=/tmp              | base",
    })
    void badSettingsAreRefusedNamingEndpointAndSetting(String extra, String setting) {
        Map<String, String> settings = new HashMap<>(Map.of("root", temp.toString()));
        String[] pair = extra.split("=", 2);
        settings.put(pair[0], pair[1]);

        assertThatThrownBy(() -> FilesSettings.from(config(settings)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint 'work': setting '" + setting + "'");
    }

    @Test
    void theRootIsRequiredAndMustBeADirectory() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> FilesSettings.from(config(Map.of())))
                .hasMessageStartingWith("endpoint 'work': setting 'root' is required");
        assertThatThrownBy(() -> FilesSettings.from(config(Map.of("root", file.toString()))))
                .hasMessageStartingWith("endpoint 'work': setting 'root'");
        assertThatThrownBy(() -> FilesSettings.from(config(Map.of("root", file.resolve("below").toString()))))
                .hasMessageStartingWith("endpoint 'work': setting 'root'");
    }

    private static EndpointConfig config(Map<String, String> settings) {
        return new EndpointConfig("work", EndpointKind.FILES, Optional.empty(), Optional.empty(), Optional.empty(), settings);
    }
}
