package procos.pde.endpoint.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import procos.logging.SecretRedactor;
import procos.pde.endpoint.EndpointSettings;
import procos.pde.pool.EndpointConfig;

/**
 * The options of an {@code llm} endpoint, read from its {@code settings} and checked once, at
 * construction, so that a bad value stops the boot with the endpoint id and setting named.
 *
 * <p>A blank {@code base_url} (typically {@code ${LLM_BASE_URL:}} with the variable unset) is not
 * an error: the endpoint is registered but not configured, reports so in its health and refuses
 * calls with {@code NOT_CONFIGURED}, so a platform without a model still boots and processes can
 * take their deterministic path.
 *
 * @param provider    the API spoken
 * @param baseUrl     the API root without trailing slash; empty when not configured
 * @param model       the model name sent with every request; empty only when not configured
 * @param apiKey      bearer key ({@code openai} only); a secret: never logged, described or printed
 * @param temperature sampling temperature used when a task gives none
 * @param maxTokens   most tokens an answer may have when a task gives no {@code max_tokens}
 * @param timeout     longest a call may take; the task deadline can only shorten it
 * @param taskTypes   task types the endpoint serves
 * @param healthTtl   how long a reachability check is trusted
 */
public record LlmSettings(LlmProvider provider, Optional<URI> baseUrl, String model, Optional<String> apiKey,
                          OptionalDouble temperature, OptionalInt maxTokens, Duration timeout, List<String> taskTypes,
                          Duration healthTtl) {

    public static final String PROVIDER = "provider";
    public static final String BASE_URL = "base_url";
    public static final String MODEL = "model";
    public static final String API_KEY = "api_key";
    public static final String TEMPERATURE = "temperature";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String TIMEOUT = "timeout";
    public static final String TASK_TYPES = "task_types";
    public static final String HEALTH_TTL = "health_ttl";

    public static final String DEFAULT_TASK_TYPE = "llm.chat";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEALTH_TTL = Duration.ofSeconds(30);
    /** The widest range providers accept (OpenAI: 0 to 2). */
    public static final double MAX_TEMPERATURE = 2.0;

    public LlmSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(healthTtl, "healthTtl");
        taskTypes = List.copyOf(taskTypes);
        if (baseUrl.isPresent() && model.isBlank()) {
            throw new IllegalArgumentException("a configured model server needs a model name");
        }
    }

    /**
     * Reads {@code provider} (required: openai or ollama), {@code base_url} (blank: not configured),
     * {@code model} (required with a base URL), {@code api_key} (openai only), {@code temperature},
     * {@code max_tokens}, {@code timeout} (ISO-8601; else the endpoint's {@code timeout}, else 60 s),
     * {@code task_types} (default {@value #DEFAULT_TASK_TYPE}) and {@code health_ttl}.
     *
     * @throws IllegalArgumentException naming the endpoint and the setting at fault, never showing the key
     */
    public static LlmSettings from(EndpointConfig config) {
        EndpointSettings settings = EndpointSettings.of(config,
                Set.of(PROVIDER, BASE_URL, MODEL, API_KEY, TEMPERATURE, MAX_TOKENS, TIMEOUT, TASK_TYPES, HEALTH_TTL));
        Set<String> providers = Arrays.stream(LlmProvider.values()).map(LlmProvider::yamlName).collect(Collectors.toSet());
        LlmProvider provider = LlmProvider.fromYaml(settings.choice(PROVIDER, providers, "the model API: "
                + String.join(" or ", providers.stream().sorted().toList()))).orElseThrow();
        Optional<URI> baseUrl = settings.optional(BASE_URL).map(url -> baseUrl(settings, url));
        String model = baseUrl.isPresent()
                ? settings.required(MODEL, "the model name the server knows, e.g. gpt-4o-mini or llama3.2")
                : settings.optional(MODEL).orElse("");
        Optional<String> apiKey = settings.optional(API_KEY);
        if (apiKey.isPresent() && provider != LlmProvider.OPENAI) {
            throw settings.invalid(API_KEY, "is not used by provider " + provider.yamlName());
        }
        OptionalDouble temperature = settings.decimal(TEMPERATURE, 0, MAX_TEMPERATURE);
        long maxTokens = settings.whole(MAX_TOKENS, 0, 1, Integer.MAX_VALUE);
        List<String> taskTypes = settings.list(TASK_TYPES);
        return new LlmSettings(provider, baseUrl, model, apiKey, temperature,
                maxTokens == 0 ? OptionalInt.empty() : OptionalInt.of((int) maxTokens),
                settings.duration(TIMEOUT).or(config::timeout).orElse(DEFAULT_TIMEOUT),
                taskTypes.isEmpty() ? List.of(DEFAULT_TASK_TYPE) : taskTypes,
                settings.duration(HEALTH_TTL).orElse(DEFAULT_HEALTH_TTL));
    }

    /** Whether a model server is set; without one the endpoint refuses every call. */
    public boolean configured() {
        return baseUrl.isPresent();
    }

    /** What an operator must do to configure the endpoint, for errors and health. */
    String howToConfigure(String endpointId) {
        return "set " + BASE_URL + " and " + MODEL + " in the settings of endpoint '" + endpointId + "'";
    }

    /** The model server's host, safe to name in messages and logs. */
    String host() {
        return baseUrl.map(URI::getHost).orElse("");
    }

    /** The key masked: settings end up in logs and test reports. */
    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider.yamlName() + ", baseUrl=" + baseUrl.map(URI::toString).orElse("")
                + ", model=" + model + apiKey.map(key -> ", apiKey=" + SecretRedactor.MASK).orElse("")
                + ", temperature=" + temperature + ", maxTokens=" + maxTokens + ", timeout=" + timeout
                + ", taskTypes=" + taskTypes + ", healthTtl=" + healthTtl + "]";
    }

    private static URI baseUrl(EndpointSettings settings, String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw settings.invalid(BASE_URL, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw settings.invalid(BASE_URL, "must be an http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw settings.invalid(BASE_URL, "must carry no user credentials or query; put the key in " + API_KEY);
        }
        return uri;
    }
}
