package procos.das.api.task;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One field of a task's form.
 *
 * @param type         boolean, string, long, date or enum (or another type a form declares)
 * @param defaultValue the field's default, written as {@code default}
 * @param values       an enum's choices, id to label; empty for other types
 */
@Schema(name = "FormField")
public record FormFieldItem(String id, String label, String type, boolean required,
                            @JsonbProperty("default") @Schema(name = "default") Object defaultValue, Map<String, String> values) {
}
