package procos.pde.endpoint;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import procos.pde.pool.EndpointConfig;

/**
 * Typed reading of an endpoint's {@code settings} map. The pool loader only knows that settings are
 * text; the endpoint that reads them is the one that can say what a value must look like, and it
 * says so at construction, by endpoint id and setting name, so a typo fails the boot instead of a
 * task at 3 a.m. Blank values (for example {@code ${VAR:}} with VAR unset) count as absent.
 */
public final class EndpointSettings {

    private final String endpointId;
    private final Map<String, String> values;

    private EndpointSettings(String endpointId, Map<String, String> values) {
        this.endpointId = endpointId;
        this.values = values;
    }

    /**
     * @param known every setting the endpoint understands; any other key is refused, since a
     *              misspelt option silently falling back to its default is worse than no start
     * @throws IllegalArgumentException naming the endpoint and the first unknown setting
     */
    public static EndpointSettings of(EndpointConfig config, Set<String> known) {
        Objects.requireNonNull(config, "config");
        EndpointSettings settings = new EndpointSettings(config.id(), config.settings());
        for (String key : new TreeSet<>(config.settings().keySet())) {
            if (!known.contains(key)) {
                throw settings.invalid(key, "is not a setting of " + config.kind().yamlName()
                        + " endpoints (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return settings;
    }

    public String endpointId() {
        return endpointId;
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name, String hint) {
        return optional(name).orElseThrow(() -> invalid(name, "is required (" + hint + ")"));
    }

    /** {@code true} or {@code false}, in any case; anything else is refused rather than guessed. */
    public boolean bool(String name, boolean defaultValue) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "must be true or false, got '" + value.get() + "'");
        };
    }

    /** A whole number of bytes from 1 to {@code max}. */
    public long bytes(String name, long defaultValue, long max) {
        return whole(name, defaultValue, 1, max, " bytes");
    }

    /** A whole number from {@code min} to {@code max}, e.g. a port or a count. */
    public long whole(String name, long defaultValue, long min, long max) {
        return whole(name, defaultValue, min, max, "");
    }

    private long whole(String name, long defaultValue, long min, long max, String unit) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number" + (unit.isEmpty() ? "" : " of" + unit) + ", got '" + value.get() + "'");
        }
        if (parsed < min || parsed > max) {
            throw invalid(name, "must be between " + min + " and " + max + unit + ", got " + parsed);
        }
        return parsed;
    }

    /** A decimal number from {@code min} to {@code max}, e.g. a sampling temperature. */
    public OptionalDouble decimal(String name, double min, double max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.get());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a number, got '" + value.get() + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw invalid(name, "must be between " + min + " and " + max + ", got " + value.get());
        }
        return OptionalDouble.of(parsed);
    }

    /** A comma-separated list, entries trimmed, blanks between commas skipped; empty when absent. */
    public List<String> list(String name) {
        return optional(name).map(value -> Arrays.stream(value.split(","))
                .map(String::trim).filter(entry -> !entry.isEmpty()).toList()).orElse(List.of());
    }

    /** One of {@code choices}, compared case-insensitively and returned lower-cased. */
    public String choice(String name, Set<String> choices, String hint) {
        String value = required(name, hint).toLowerCase(Locale.ROOT);
        if (!choices.contains(value)) {
            throw invalid(name, "must be one of " + String.join(", ", new TreeSet<>(choices)) + ", got '" + value + "'");
        }
        return value;
    }

    /** An ISO-8601 duration longer than zero, e.g. {@code PT10S}, as {@code timeout} is elsewhere in the file. */
    public Optional<Duration> duration(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Duration parsed;
        try {
            parsed = Duration.parse(value.get());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 duration such as PT10S, got '" + value.get() + "'");
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw invalid(name, "must be longer than zero, got " + parsed);
        }
        return Optional.of(parsed);
    }

    /** The exception for a bad value, worded the same way for every endpoint. */
    public IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException("endpoint '" + endpointId + "': setting '" + name + "' " + problem);
    }
}
