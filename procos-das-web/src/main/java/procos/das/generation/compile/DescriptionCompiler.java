package procos.das.generation.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import procos.das.generation.description.DescriptionChecker;
import procos.das.generation.description.InvalidDescriptionException;
import procos.das.generation.description.ProcessDescription;
import procos.das.validation.ModelProperties;

/**
 * Compiles a {@link ProcessDescription} to a deployable BPMN 2.0 model for Camunda 7: checked
 * first ({@link DescriptionChecker}), then built block by block with Camunda's fluent builder,
 * laid out as a diagram, validated against the BPMN schema. Service steps become external tasks
 * routed by topic, human steps user tasks with a form; conditions are expressions ProcOS writes
 * itself; nothing in the model calls a method, runs a script or names a Java class.
 */
public final class DescriptionCompiler {

    /** A process key given by the caller: an XML NCName of at most 64 characters. */
    public static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    public static final int HISTORY_TIME_TO_LIVE_DAYS = 30;

    static final int MAX_INTENT_LENGTH = 1000;
    static final int MAX_PROPERTY_LENGTH = 120;
    private static final double ORIGIN_X = 160;
    private static final double ORIGIN_Y = 80;

    public CompiledProcess compile(ProcessDescription description, ProcessMetadata metadata) throws InvalidDescriptionException {
        Objects.requireNonNull(metadata, "metadata");
        List<String> problems = new ArrayList<>(DescriptionChecker.problems(description));
        if (metadata.key() != null && !PROCESS_KEY.matcher(metadata.key()).matches()) {
            problems.add("metadata.key: '" + PlainText.of(metadata.key(), 60)
                    + "' is not a process key (letters, digits, _, - or ., starting with a letter or _, at most 64)");
        }
        if (metadata.version() < 1) {
            problems.add("metadata.version: " + metadata.version() + " is not a version (1 or more)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidDescriptionException(problems);
        }
        String key = metadata.key() != null ? metadata.key()
                : ElementIds.snakeCase(description.name(), "process", ElementIds.MAX_LENGTH);
        ModelAssembler.Assembly assembly = new ModelAssembler(key).assemble(description);
        BpmnModelInstance model = assembly.model();
        model.getDefinitions().setId(assembly.ids().unique(key + "_definitions"));
        Process process = model.getModelElementById(key);
        properties(description, metadata).forEach((name, value) -> ModelProperties.set(process, name, value));
        DiagramPlan plan = new DiagramPlan();
        assembly.diagram().place(ORIGIN_X, ORIGIN_Y, plan);
        DiagramWriter.write(model, plan);
        StableIds.apply(model, assembly.ids(), key);
        Bpmn.validateModel(model);
        return new CompiledProcess(key, model, Bpmn.convertToString(model));
    }

    private static Map<String, String> properties(ProcessDescription description, ProcessMetadata metadata) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("procos.kind", "generated");
        properties.put("procos.version", String.valueOf(metadata.version()));
        properties.put("procos.intent", PlainText.of(metadata.intent(), MAX_INTENT_LENGTH));
        properties.put("procos.domain", PlainText.of(metadata.domain() != null ? metadata.domain() : description.domain(),
                MAX_PROPERTY_LENGTH));
        properties.put("procos.created_by", PlainText.of(metadata.createdBy(), MAX_PROPERTY_LENGTH));
        return properties;
    }
}
