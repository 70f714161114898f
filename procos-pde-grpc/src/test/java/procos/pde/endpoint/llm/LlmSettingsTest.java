package procos.pde.endpoint.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;

class LlmSettingsTest {

    @Test
    void readsEverySettingAndTakesTheEndpointTimeoutWhenNoneIsSet() {
        LlmSettings settings = LlmSettings.from(new EndpointConfig("gpt", EndpointKind.LLM, Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(20)), Map.of("provider", "OpenAI", "base_url", "https://llm.example.com/v1/",
                "model", "gpt-4o-mini", "api_key", "k", "temperature", "0.7", "max_tokens", "512",
                "task_types", "summarize,classify", "health_ttl", "PT1M")));

        assertThat(settings.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(settings.baseUrl()).hasValueSatisfying(url -> assertThat(url).hasToString("https://llm.example.com/v1"));
        assertThat(settings.model()).isEqualTo("gpt-4o-mini");
        assertThat(settings.temperature()).hasValue(0.7);
        assertThat(settings.maxTokens()).hasValue(512);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.taskTypes()).containsExactly("summarize", "classify");
        assertThat(settings.healthTtl()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBlankBaseUrlLeavesTheEndpointUnconfiguredRatherThanFailingTheBoot() {
        LlmSettings settings = from(Map.of("provider", "ollama", "base_url", ""));

        assertThat(settings.configured()).isFalse();
        assertThat(settings.taskTypes()).containsExactly(LlmSettings.DEFAULT_TASK_TYPE);
        assertThat(settings.timeout()).isEqualTo(LlmSettings.DEFAULT_TIMEOUT);
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> from(Map.of()))
                .hasMessage("endpoint 'gpt': setting 'provider' is required (the model API: ollama or openai)");
        assertThatThrownBy(() -> from(Map.of("provider", "bard")))
                .hasMessage("endpoint 'gpt': setting 'provider' must be one of ollama, openai, got 'bard'");
        assertThatThrownBy(() -> from(Map.of("provider", "openai", "base_url", "http://h/v1")))
                .hasMessageStartingWith("endpoint 'gpt': setting 'model' is required");
        assertThatThrownBy(() -> from(Map.of("provider", "openai", "base_url", "ftp://h", "model", "m")))
                .hasMessage("endpoint 'gpt': setting 'base_url' must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> from(Map.of("provider", "openai", "base_url", "http://u:sk-1@h/v1", "model", "m")))
                .hasMessageContaining("must carry no user credentials").message().doesNotContain("sk-1");
        assertThatThrownBy(() -> from(Map.of("provider", "ollama", "api_key", "sk-1")))
                .hasMessage("endpoint 'gpt': setting 'api_key' is not used by provider ollama");
        assertThatThrownBy(() -> from(Map.of("provider", "openai", "temperature", "hot")))
                .hasMessage("endpoint 'gpt': setting 'temperature' must be a number, got 'hot'");
        assertThatThrownBy(() -> from(Map.of("provider", "openai", "max_tokens", "0")))
                .hasMessageStartingWith("endpoint 'gpt': setting 'max_tokens' must be between 1 and");
        assertThatThrownBy(() -> from(Map.of("provider", "openai", "modle", "x")))
                .hasMessageStartingWith("endpoint 'gpt': setting 'modle' is not a setting of llm endpoints");
    }

    private static LlmSettings from(Map<String, String> values) {
        return LlmSettings.from(new EndpointConfig("gpt", EndpointKind.LLM, Optional.empty(), Optional.empty(),
                Optional.empty(), values));
    }
}
