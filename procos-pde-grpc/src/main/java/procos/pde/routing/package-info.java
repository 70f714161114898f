/**
 * The Router beside the Gateway block: routing that learns. {@link procos.pde.routing.Router}
 * assembles it from the {@code router} section of the PDE manager configuration:
 * <ul>
 *   <li>{@link procos.pde.routing.HealthMonitor} probes every endpoint's health in the background
 *       (PBIT), so the task path reads fresh health without probing;</li>
 *   <li>{@link procos.pde.routing.CircuitBreaker} per endpoint keeps failing endpoints out of the
 *       way until a trial call shows they recovered;</li>
 *   <li>{@link procos.pde.routing.ScoreBoard} learns per (task type, endpoint) success and latency
 *       from every attempt, fed by {@link procos.pde.routing.RoutingLearner};</li>
 *   <li>{@link procos.pde.routing.LearnedRoutingPolicy} orders candidates by Thompson sampling over
 *       those scores, with the routing rule's priority as the prior;</li>
 *   <li>{@link procos.pde.routing.ScoreStore} keeps the scores across restarts.</li>
 * </ul>
 */
package procos.pde.routing;
