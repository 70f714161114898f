package procos.das.validation;

import java.util.Optional;
import java.util.function.Function;
import procos.kernel.config.InvalidSettingsException;
import procos.kernel.config.SettingsReader;

/**
 * Limits and strictness of {@link BpmnValidator}.
 *
 * @param maxBytes        largest model accepted, in bytes; larger files are refused before parsing
 * @param maxElements     most XML elements accepted; counted while the safe reader streams the file
 * @param maxStates       states the soundness check may explore per process or subprocess before it
 *                        gives up with a warning
 * @param requireMetadata when true a missing {@code procos.*} property is an error, else a warning
 */
public record ValidationSettings(int maxBytes, int maxElements, int maxStates, boolean requireMetadata) {

    /** Configuration key of {@link #maxBytes()}. */
    public static final String MAX_BYTES = "procos.validation.max-bytes";
    /** Configuration key of {@link #maxElements()}. */
    public static final String MAX_ELEMENTS = "procos.validation.max-elements";
    /** Configuration key of {@link #maxStates()}. */
    public static final String MAX_STATES = "procos.validation.max-states";
    /** Configuration key of {@link #requireMetadata()}. */
    public static final String REQUIRE_METADATA = "procos.validation.require-metadata";

    /** 5 MiB, 5,000 elements, 100,000 states, metadata recommended but not required. */
    public static final ValidationSettings DEFAULTS = new ValidationSettings(5 * 1024 * 1024, 5_000, 100_000, false);

    public ValidationSettings {
        positive(MAX_BYTES, maxBytes);
        positive(MAX_ELEMENTS, maxElements);
        positive(MAX_STATES, maxStates);
    }

    /**
     * Settings read by key ({@link #MAX_BYTES}, …); an absent key keeps its default.
     *
     * @throws IllegalArgumentException naming the key whose value is not a positive number or boolean
     */
    public static ValidationSettings from(Function<String, Optional<String>> source) {
        SettingsReader settings = new SettingsReader(source);
        ValidationSettings read = new ValidationSettings(
                settings.integer(MAX_BYTES, DEFAULTS.maxBytes(), 1, Integer.MAX_VALUE),
                settings.integer(MAX_ELEMENTS, DEFAULTS.maxElements(), 1, Integer.MAX_VALUE),
                settings.integer(MAX_STATES, DEFAULTS.maxStates(), 1, Integer.MAX_VALUE),
                settings.bool(REQUIRE_METADATA, DEFAULTS.requireMetadata()));
        try {
            settings.check();
        } catch (InvalidSettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return read;
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be a positive whole number, was " + value);
        }
    }
}
