package procos.kernel.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed settings from a key lookup (MicroProfile Config, or a map in tests) and collects every
 * problem, each naming its key, so a group of settings is refused at once with all that is wrong.
 * A blank value counts as unset. A value that is wrong yields the default meanwhile, so the rest can
 * still be read; {@link #check()} then throws.
 */
public final class SettingsReader {

    private final Function<String, Optional<String>> lookup;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public SettingsReader(Function<String, Optional<String>> lookup) {
        this.lookup = key -> lookup.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The raw value of {@code key}, stripped; empty when unset or blank. */
    public Optional<String> string(String key) {
        return lookup.apply(key);
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
            problem(key, raw.get(), "must be between " + min + " and " + max);
        } catch (NumberFormatException e) {
            problem(key, raw.get(), "not a whole number");
        }
        return fallback;
    }

    public double decimal(String key, double fallback, double min, double max) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
            problem(key, raw.get(), "must be between " + plain(min) + " and " + plain(max));
        } catch (NumberFormatException e) {
            problem(key, raw.get(), "not a number");
        }
        return fallback;
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        String value = raw.get().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problem(key, raw.get(), "must be true or false");
        return fallback;
    }

    /** One of {@code type}'s constants, named in any case. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            problem(key, raw.get(), "must be one of " + String.join(", ", names));
            return fallback;
        }
    }

    private static String plain(double number) {
        return java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    public void problem(String key, String value, String reason) {
        problems.add(new ConfigProblem(key, value, reason));
    }

    /** @throws InvalidSettingsException with every problem found so far, if there is any */
    public void check() throws InvalidSettingsException {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }
}
