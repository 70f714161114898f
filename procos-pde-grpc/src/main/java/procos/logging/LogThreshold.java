package procos.logging;

import java.util.Locale;

/**
 * The least severe level that is written; anything below it is dropped before its line is encoded,
 * so per-task DEBUG events cost next to nothing in production. Chosen like the sink, from
 * deployment configuration: the system property {@code procos.log.level} wins over the environment
 * variable {@code PROCOS_LOG_LEVEL}; the default is {@code INFO}.
 */
final class LogThreshold {

    static final String PROPERTY = "procos.log.level";
    static final String ENVIRONMENT_VARIABLE = "PROCOS_LOG_LEVEL";

    private static volatile LogLevel minimum = fromEnvironment();

    private LogThreshold() {
    }

    static boolean enabled(LogLevel level) {
        return level.ordinal() >= minimum.ordinal();
    }

    /** Sets the threshold and returns the previous one. */
    static LogLevel set(LogLevel level) {
        LogLevel previous = minimum;
        minimum = level;
        return previous;
    }

    static LogLevel fromEnvironment() {
        return forSetting(DefaultSink.setting(PROPERTY, ENVIRONMENT_VARIABLE));
    }

    /** A level name in any case; nothing means INFO, and a misspelling says so once and means INFO. */
    static LogLevel forSetting(String setting) {
        if (setting == null || setting.isBlank()) {
            return LogLevel.INFO;
        }
        try {
            return LogLevel.valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("procos.logging: " + PROPERTY + "='" + setting.strip()
                    + "' is not one of DEBUG, INFO, WARN, ERROR; logging at INFO");
            return LogLevel.INFO;
        }
    }
}
