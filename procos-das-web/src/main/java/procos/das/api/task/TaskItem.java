package procos.das.api.task;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A human task the signed-in user may work on, with its form. */
@Schema(name = "Task", description = "A human task with its form")
public record TaskItem(String id, String name, String processInstanceId, String definitionKey, String assignee, String created,
                       List<String> candidateGroups, List<FormFieldItem> form) {
}
