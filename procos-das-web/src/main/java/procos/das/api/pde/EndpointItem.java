package procos.das.api.pde;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One endpoint tasks can route to.
 *
 * @param kind    function, model, connector or unspecified
 * @param health  UP (healthy or degraded), DOWN (unhealthy) or UNKNOWN (not checked yet), from the background probe's last reading
 * @param detail  the endpoint's own words on its health; degraded ones say so
 * @param circuit closed, open or half_open
 */
@Schema(name = "PdeEndpoint")
public record EndpointItem(String id, String kind, List<String> taskTypes, String health, String detail, String checkedAt,
                           String circuit, int consecutiveFailures, List<ScoreItem> scores) {
}
