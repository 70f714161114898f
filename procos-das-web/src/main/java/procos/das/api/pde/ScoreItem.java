package procos.das.api.pde;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What routing learned of one endpoint for one task type.
 *
 * @param score     expected chance of success (the mean of the Beta posterior), 0 to 1
 * @param attempts  attempts recorded
 * @param successes decayed weight of successful attempts
 */
@Schema(name = "RoutingScore")
public record ScoreItem(String taskType, double score, long attempts, double successes) {
}
