package procos.das.api.instance;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One activity an instance went through (or is in: no end time yet). */
@Schema(name = "HistoryStep")
public record HistoryStep(String activityId, String activityName, String activityType, String startTime, String endTime,
                          boolean canceled) {
}
