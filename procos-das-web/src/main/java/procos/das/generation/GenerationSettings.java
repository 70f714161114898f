package procos.das.generation;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import procos.das.generation.pipeline.DrafterChoice;
import procos.kernel.config.InvalidSettingsException;
import procos.kernel.config.SettingsReader;

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
        SettingsReader settings = new SettingsReader(lookup);
        Path dataDir = Path.of(settings.string(DATA_DIR).orElse(DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        int maxAttempts = settings.integer(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 10);
        DrafterChoice.Mode drafter = settings.choice(DRAFTER, DrafterChoice.Mode.class, DrafterChoice.Mode.AUTO);
        settings.check();
        return new GenerationSettings(dataDir, maxAttempts, drafter);
    }
}
