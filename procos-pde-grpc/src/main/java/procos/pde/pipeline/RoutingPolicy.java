package procos.pde.pipeline;

import java.util.List;
import procos.pde.endpoint.Endpoint;

/**
 * How the Gateway orders a task's candidates into primary and fallbacks. The Gateway has already
 * kept only the endpoints the routing rule lists; the policy decides their order and may put
 * endpoints it would rather avoid last, but never drops one, so a task still has somewhere to go
 * when everything better has failed.
 */
@FunctionalInterface
public interface RoutingPolicy {

    /**
     * @param taskType   the task's type
     * @param candidates tested candidates (capable, allowed, not unhealthy), in registration order
     * @param priority   the routing rule's endpoint ids, primary first; empty without a rule
     * @return the same endpoints, in the order to try them
     */
    List<Endpoint> order(String taskType, List<Endpoint> candidates, List<String> priority);
}
