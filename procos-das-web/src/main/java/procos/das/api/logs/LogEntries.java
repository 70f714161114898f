package procos.das.api.logs;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Entries of the structured log, each with every field as written (ts, level, component, event, …), newest last. */
@Schema(name = "LogEntries")
public record LogEntries(List<Map<String, Object>> items) {
}
