package procos.das.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;

/**
 * The ProcOS metadata on each process ({@code procos.kind}, {@code procos.version},
 * {@code procos.intent}, {@code procos.domain}, {@code procos.created_by} as camunda properties), and
 * that a recorded {@code procos.validation_hash} still matches the content.
 */
final class MetadataRules {

    static final List<String> REQUIRED = List.of(ModelProperties.KIND, ModelProperties.VERSION,
            ModelProperties.INTENT, ModelProperties.DOMAIN, ModelProperties.CREATED_BY);

    private final boolean required;

    MetadataRules(boolean required) {
        this.required = required;
    }

    List<Finding> check(BpmnModelInstance model, String hash) {
        List<Finding> findings = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            Map<String, String> properties = ModelProperties.read(process);
            List<String> missing = REQUIRED.stream().filter(key -> properties.getOrDefault(key, "").isBlank()).toList();
            if (!missing.isEmpty()) {
                String message = "process '" + process.getId() + "' lacks the metadata " + String.join(", ", missing)
                        + " (camunda:property elements in the process's camunda:properties)";
                findings.add(required ? Finding.error(Rules.METADATA_MISSING, process.getId(), message)
                        : Finding.warning(Rules.METADATA_MISSING, process.getId(), message));
            }
            String recorded = properties.get(ModelProperties.VALIDATION_HASH);
            if (recorded != null && !recorded.strip().equalsIgnoreCase(hash)) {
                findings.add(Finding.error(Rules.METADATA_HASH_MISMATCH, process.getId(), "process '" + process.getId()
                        + "' records validation hash " + recorded.strip() + " but its content hashes to " + hash
                        + ": the model was changed after it was validated"));
            }
        }
        return findings;
    }
}
