package procos.pde.endpoint;

import java.util.Objects;
import procos.pde.v1.EndpointDescription;

/**
 * An endpoint built from one entry of the PDE manager configuration: its id, its typed settings,
 * and a description that follows from the two and is worked out once, on first request.
 *
 * @param <S> the endpoint kind's settings, already validated
 */
public abstract class ConfiguredEndpoint<S> implements Endpoint {

    private final String id;
    private final S settings;
    private volatile EndpointDescription description;

    protected ConfiguredEndpoint(String id, S settings) {
        this.id = Objects.requireNonNull(id, "id");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public final String id() {
        return id;
    }

    public final S settings() {
        return settings;
    }

    @Override
    public final EndpointDescription describe() {
        EndpointDescription described = description;
        if (described == null) {
            // Built from final state only, so two threads racing here build equal descriptions.
            described = description();
            description = described;
        }
        return described;
    }

    /** What this endpoint can do, from its id and settings. */
    protected abstract EndpointDescription description();
}
