package procos.pde.endpoint;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The endpoints a PDE can route to, by id, in registration order. Endpoints can join and leave while
 * tasks run (a remote endpoint registered at run time, a test's endpoint), so reads never lock.
 */
public final class EndpointRegistry {

    private final Map<String, Endpoint> byId = new ConcurrentHashMap<>();
    private final List<Endpoint> ordered = new CopyOnWriteArrayList<>();

    public synchronized EndpointRegistry register(Endpoint endpoint) {
        if (byId.putIfAbsent(endpoint.id(), endpoint) != null) {
            throw new IllegalArgumentException("endpoint id '" + endpoint.id() + "' is registered twice");
        }
        ordered.add(endpoint);
        return this;
    }

    public synchronized Optional<Endpoint> unregister(String id) {
        Endpoint removed = byId.remove(id);
        if (removed != null) {
            ordered.remove(removed);
        }
        return Optional.ofNullable(removed);
    }

    public Optional<Endpoint> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Endpoint> all() {
        return List.copyOf(ordered);
    }

    /** Endpoints whose description lists {@code taskType} among their capabilities. */
    public List<Endpoint> capableOf(String taskType) {
        return ordered.stream()
                .filter(endpoint -> endpoint.describe().getCapabilitiesList().stream()
                        .anyMatch(capability -> capability.getTaskType().equals(taskType)))
                .toList();
    }

    /** Every task type some endpoint can run, sorted. */
    public List<String> taskTypes() {
        TreeSet<String> types = new TreeSet<>();
        ordered.forEach(endpoint -> endpoint.describe().getCapabilitiesList()
                .forEach(capability -> types.add(capability.getTaskType())));
        return List.copyOf(types);
    }
}
