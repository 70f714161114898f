package procos.pde.pool;

import java.util.Set;
import procos.logging.SecretRedactor;

/**
 * Quotes a configuration value for a problem message, or hides it. Problems are logged and shown
 * to operators, so a value is hidden when its key names a credential ({@code token},
 * {@code api_key}, …) or when it came from an environment variable whose name does
 * ({@code ${NODE_B_TOKEN}}), whatever key it was put under.
 */
final class ValueDisplay {

    private static final int MAX_SHOWN = 80;

    private final Set<ConfigPath> fromSecretVariables;

    ValueDisplay(Set<ConfigPath> fromSecretVariables) {
        this.fromSecretVariables = Set.copyOf(fromSecretVariables);
    }

    /** {@code 'value'} (shortened if long), or {@value SecretRedactor#MASK} for a secret. */
    String show(ConfigPath path, String value) {
        if (fromSecretVariables.contains(path) || SecretRedactor.isSecretKey(path.lastKey())) {
            return SecretRedactor.MASK;
        }
        String shown = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "…" : value;
        return "'" + shown + "'";
    }
}
