package procos.das.api.instance;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Everything the console shows of one instance: its list fields, its variables (long values cut),
 * where it stands, where it has been, and its open incidents.
 */
@Schema(name = "InstanceDetail")
public record InstanceDetail(String id, String definitionId, String definitionKey, String definitionName, String businessKey,
                             String state, String startTime, String endTime, Map<String, Object> variables,
                             List<String> activeActivities, List<String> completedActivities, List<IncidentItem> incidents,
                             List<HistoryStep> history) {
}
