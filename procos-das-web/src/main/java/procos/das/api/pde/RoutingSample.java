package procos.das.api.pde;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Routing scores at one moment, by endpoint id. */
@Schema(name = "RoutingSample")
public record RoutingSample(String time, Map<String, Double> scores) {
}
