package procos.pde.endpoint.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;

class HttpSettingsTest {

    @Test
    void defaultsApplyToEverythingButTheAllowlist() {
        HttpSettings settings = HttpSettings.from(config(Optional.empty(), Map.of("allowed_hosts", "api.example.com")));

        assertThat(settings.allowedHosts().entries()).containsExactly("api.example.com");
        assertThat(settings.maxResponseBytes()).isEqualTo(1L << 20);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.followRedirects()).isFalse();
    }

    @Test
    void theEndpointTimeoutIsTheDefaultAndTheSettingWins() {
        assertThat(HttpSettings.from(config(Optional.of(Duration.ofSeconds(4)),
                Map.of("allowed_hosts", "a.example"))).timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(HttpSettings.from(config(Optional.of(Duration.ofSeconds(4)),
                Map.of("allowed_hosts", "a.example", "timeout", "PT2S"))).timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everySettingIsRead() {
        HttpSettings settings = HttpSettings.from(config(Optional.empty(), Map.of("allowed_hosts", "a.example,*.b.example",
                "max_response_bytes", "2048", "timeout", "PT1M", "follow_redirects", "TRUE")));

        assertThat(settings.maxResponseBytes()).isEqualTo(2048);
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.followRedirects()).isTrue();
        assertThat(settings.allowedHosts().allows("x.b.example")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                    |                  | allowed_hosts",
        "' , '               |                  | allowed_hosts",
        "*                   |                  | allowed_hosts",
        "https://a.example   |                  | allowed_hosts",
        "a.example           | max_response_bytes=0       | max_response_bytes",
        "a.example           | max_response_bytes=1MiB    | max_response_bytes",
        "a.example           | max_response_bytes=999999999999 | max_response_bytes",
        "a.example           | timeout=10s      | timeout",
        "a.example           | timeout=PT0S     | timeout",
        "a.example           | follow_redirects=yes | follow_redirects",
        "a.example           | allowed_host=b.example | allowed_host",
    })
    void badSettingsAreRefusedNamingTheEndpointAndTheSetting(String hosts, String extra, String setting) {
        Map<String, String> settings = new java.util.HashMap<>();
        if (hosts != null) {
            settings.put("allowed_hosts", hosts);
        }
        if (extra != null) {
            String[] pair = extra.split("=", 2);
            settings.put(pair[0], pair[1]);
        }

        assertThatThrownBy(() -> HttpSettings.from(config(Optional.empty(), settings)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpoint 'web': setting '" + setting + "'");
    }

    private static EndpointConfig config(Optional<Duration> timeout, Map<String, String> settings) {
        return new EndpointConfig("web", EndpointKind.HTTP, Optional.empty(), Optional.empty(), timeout, settings);
    }
}
