package procos.das.api.pde;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Routing scores over time, oldest first. */
@Schema(name = "RoutingHistory")
public record RoutingHistoryView(List<RoutingSample> samples) {
}
