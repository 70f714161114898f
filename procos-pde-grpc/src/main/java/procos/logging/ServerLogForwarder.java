package procos.logging;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies WARN and ERROR lines to java.util.logging (logger {@code procos.<component>}), which
 * Open Liberty routes into messages.log and its own log handlers, so problems are visible to
 * operators who only watch the server's log. It holds the JUL logger so the logger and any level
 * configured on it are not garbage-collected away.
 */
final class ServerLogForwarder {

    private final Logger logger;

    ServerLogForwarder(String component) {
        this.logger = Logger.getLogger("procos." + component);
    }

    void forward(LogLevel level, String line) {
        Level julLevel = switch (level) {
            case WARN -> Level.WARNING;
            case ERROR -> Level.SEVERE;
            default -> null;
        };
        if (julLevel != null && logger.isLoggable(julLevel)) {
            logger.log(julLevel, line);
        }
    }
}
