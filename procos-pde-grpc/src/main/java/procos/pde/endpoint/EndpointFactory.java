package procos.pde.endpoint;

import java.util.ArrayList;
import java.util.List;
import procos.pde.endpoint.files.FilesEndpoint;
import procos.pde.endpoint.http.HttpEndpoint;
import procos.pde.endpoint.llm.LlmEndpoint;
import procos.pde.endpoint.mail.MailEndpoint;
import procos.pde.endpoint.subpde.SubPdeEndpoint;
import procos.pde.meta.MetaEndpoint;
import procos.pde.pool.EndpointConfig;
import procos.pde.pool.EndpointKind;
import procos.pde.pool.PdeManagerConfig;

/**
 * Builds the endpoints a PDE manager configuration declares, plus the {@link MetaEndpoint} of a
 * meta pool. Every endpoint is built before any is
 * used, so a configuration naming an endpoint that cannot exist fails at boot, by name.
 */
public final class EndpointFactory {

    private static final String AVAILABLE = "builtin '" + NoopEndpoint.ID + "', "
            + EndpointKind.REMOTE.yamlName() + ", " + EndpointKind.PDE.yamlName() + ", " + EndpointKind.HTTP.yamlName()
            + ", " + EndpointKind.FILES.yamlName() + ", " + EndpointKind.LLM.yamlName() + ", " + EndpointKind.MAIL.yamlName();

    private EndpointFactory() {
    }

    public static EndpointRegistry registryFor(PdeManagerConfig config) {
        EndpointRegistry registry = new EndpointRegistry();
        List<String> problems = new ArrayList<>();
        for (EndpointConfig endpoint : config.endpoints()) {
            try {
                registry.register(create(endpoint));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        // After the others: the meta pool's composer sends sub-tasks to the pde endpoints built above.
        MetaEndpoint.forConfig(config, registry).ifPresent(registry::register);
        return registry;
    }

    /**
     * The endpoint {@code config} declares: {@code builtin} {@code noop}, {@code remote}
     * ({@link RemoteEndpoint}, any language behind {@code EndpointService}), {@code http}
     * ({@link HttpEndpoint}), {@code files} ({@link FilesEndpoint}), {@code llm} ({@link LlmEndpoint}),
     * {@code mail} ({@link MailEndpoint}) or {@code pde} ({@link SubPdeEndpoint}, another PDE), each
     * reading its own
     * {@code settings}.
     *
     * @throws IllegalArgumentException naming the endpoint, and the setting if one is at fault
     */
    public static Endpoint create(EndpointConfig config) {
        return switch (config.kind()) {
            case BUILTIN -> builtin(config);
            case REMOTE -> RemoteEndpoint.fromConfig(config);
            case HTTP -> HttpEndpoint.fromConfig(config);
            case FILES -> FilesEndpoint.fromConfig(config);
            case LLM -> LlmEndpoint.fromConfig(config);
            case MAIL -> MailEndpoint.fromConfig(config);
            case PDE -> SubPdeEndpoint.fromConfig(config);
            default -> throw new IllegalArgumentException("endpoint '" + config.id() + "': kind '"
                    + config.kind().yamlName() + "' is not available in this version (available: " + AVAILABLE + ")");
        };
    }

    private static Endpoint builtin(EndpointConfig config) {
        if (config.id().equals(NoopEndpoint.ID)) {
            return new NoopEndpoint();
        }
        throw new IllegalArgumentException("endpoint '" + config.id() + "': there is no builtin endpoint of that id"
                + " (available: " + AVAILABLE + ")");
    }
}
