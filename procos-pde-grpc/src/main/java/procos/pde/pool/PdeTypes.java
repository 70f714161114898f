package procos.pde.pool;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import procos.pde.v1.PdeType;

/**
 * Maps the YAML spelling of a PDE type ({@code general_purpose}, {@code ai}, {@code integration},
 * {@code meta}) to the contract's {@link PdeType}, so configuration and gRPC messages name PDE
 * types the same way. The proto's {@code PDE_TYPE_UNSPECIFIED} is not a pool type.
 */
public final class PdeTypes {

    private static final List<PdeType> POOL_TYPES =
            List.of(PdeType.GENERAL_PURPOSE, PdeType.AI, PdeType.INTEGRATION, PdeType.META);

    private PdeTypes() {
    }

    /** The type spelt {@code text} in YAML (case-insensitive), or empty. */
    public static Optional<PdeType> fromYaml(String text) {
        return POOL_TYPES.stream().filter(type -> yamlName(type).equalsIgnoreCase(text)).findFirst();
    }

    /** {@code GENERAL_PURPOSE} → {@code general_purpose}. */
    public static String yamlName(PdeType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** The YAML names of all pool types, in contract order. */
    public static List<String> yamlNames() {
        return POOL_TYPES.stream().map(PdeTypes::yamlName).toList();
    }
}
