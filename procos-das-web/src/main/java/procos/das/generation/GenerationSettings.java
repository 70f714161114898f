package procos.das.generation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import procos.das.generation.pipeline.DrafterChoice;
import procos.kernel.config.ConfigProblem;
import procos.kernel.config.InvalidSettingsException;

/**
 * The generation pipeline's own settings (the policy's are read by
 * {@link procos.das.generation.governance.GenerationPolicy}); every problem is reported at once.
 *
 * @param dataDir     where generation records and the audit log live ({@value #DATA_DIR})
 * @param maxAttempts drafts per request, the first included ({@value #MAX_ATTEMPTS}, 1–10, default 3)
 * @param drafter     which drafter writes drafts ({@value #DRAFTER}: auto, deterministic, llm)
 */
public record GenerationSettings(Path dataDir, int maxAttempts, DrafterChoice.Mode drafter) {

    public static final String DATA_DIR = "procos.generation.data-dir";
    public static final String MAX_ATTEMPTS = "procos.generation.max-attempts";
    public static final String DRAFTER = "procos.generation.drafter";

    static final String DEFAULT_DATA_DIR = "./data/generation";
    static final int DEFAULT_MAX_ATTEMPTS = 3;

    public static GenerationSettings from(Function<String, Optional<String>> lookup) throws InvalidSettingsException {
        List<ConfigProblem> problems = new ArrayList<>();
        Path dataDir = Path.of(lookup.apply(DATA_DIR).orElse(DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        Optional<String> attempts = lookup.apply(MAX_ATTEMPTS).map(String::trim);
        if (attempts.isPresent()) {
            try {
                maxAttempts = Integer.parseInt(attempts.get());
                if (maxAttempts < 1 || maxAttempts > 10) {
                    problems.add(new ConfigProblem(MAX_ATTEMPTS, attempts.get(), "must be between 1 and 10"));
                }
            } catch (NumberFormatException e) {
                problems.add(new ConfigProblem(MAX_ATTEMPTS, attempts.get(), "must be a whole number"));
            }
        }
        DrafterChoice.Mode drafter = DrafterChoice.Mode.AUTO;
        Optional<String> mode = lookup.apply(DRAFTER).map(String::trim);
        if (mode.isPresent()) {
            try {
                drafter = DrafterChoice.Mode.valueOf(mode.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(DRAFTER, mode.get(), "must be auto, deterministic or llm"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new GenerationSettings(dataDir, maxAttempts, drafter);
    }
}
