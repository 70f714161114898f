package procos.das.validation;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The one gate for every BPMN model ProcOS runs, whoever wrote it: generated drafts, models deployed
 * through Camunda's REST API, the command line. In order:
 * <ol>
 *   <li>safe XML ({@link SafeXml}): size, well-formedness, no DOCTYPE or entity, element count,
 *       NCName ids — before any DOM parser sees the bytes;</li>
 *   <li>Camunda's own parser ({@link Bpmn#readModelFromStream}), schema validation included;</li>
 *   <li>per process, subprocess and event subprocess: structure, gateways, naming
 *       ({@link StructureRules}, {@link GatewayRules}, {@link NamingRules});</li>
 *   <li>metadata and the recorded validation hash ({@link MetadataRules});</li>
 *   <li>soundness by exploring the token game ({@link SoundnessCheck}) of every scope whose
 *       structure allows it (one start event, an end event).</li>
 * </ol>
 * It never throws on bad input: whatever is wrong, including a failure of a check itself, becomes a
 * finding. Instances are immutable and safe to share between threads.
 */
public final class BpmnValidator {

    private final ValidationSettings settings;
    private final SafeXml safeXml;
    private final StructureRules structure = new StructureRules();
    private final GatewayRules gateways = new GatewayRules();
    private final NamingRules naming = new NamingRules();
    private final MetadataRules metadata;
    private final SoundnessCheck soundness;

    public BpmnValidator(ValidationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.safeXml = new SafeXml(settings);
        this.metadata = new MetadataRules(settings.requireMetadata());
        this.soundness = new SoundnessCheck(settings.maxStates());
    }

    public ValidationSettings settings() {
        return settings;
    }

    /** Validates one BPMN document; never throws on bad input. */
    public ValidationReport validate(byte[] bpmnXml) {
        long started = System.nanoTime();
        List<Finding> findings = new ArrayList<>(safeXml.check(bpmnXml));
        if (findings.stream().anyMatch(finding -> finding.rule().startsWith("xml."))) {
            return new ValidationReport(findings, null, null, micros(started));
        }
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmnXml));
        } catch (RuntimeException e) {
            findings.add(Finding.error(Rules.BPMN_UNPARSEABLE, null, "Camunda's BPMN parser refused the model: " + describe(e)));
            return new ValidationReport(findings, null, null, micros(started));
        }
        String hash = null;
        try {
            hash = ValidationHash.compute(model);
            findings.addAll(checkModel(model, hash));
        } catch (RuntimeException e) {
            // A model the parser accepted but a rule could not handle: refuse it rather than let it through unchecked.
            findings.add(Finding.error(Rules.BPMN_UNPARSEABLE, null, "the model could not be checked: " + describe(e)));
        }
        return new ValidationReport(findings, model, hash, micros(started));
    }

    private List<Finding> checkModel(BpmnModelInstance model, String hash) {
        List<Finding> findings = new ArrayList<>();
        boolean generated = ModelProperties.generated(model);
        for (Scope scope : Scope.of(model)) {
            if (scope.isEmpty()) {
                continue;
            }
            FlowGraph graph = new FlowGraph(scope);
            StructureRules.Result shape = structure.check(graph, generated);
            findings.addAll(shape.findings());
            findings.addAll(gateways.check(graph, generated));
            findings.addAll(naming.check(graph));
            if (shape.soundnessApplies()) {
                findings.addAll(soundness.check(graph).findings());
            }
        }
        findings.addAll(metadata.check(model, hash));
        return findings;
    }

    private static String describe(RuntimeException e) {
        StringBuilder message = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && cause != e && depth < 3; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(" (").append(cause.getMessage()).append(')');
            }
        }
        return message.toString();
    }

    private static long micros(long started) {
        return (System.nanoTime() - started) / 1_000;
    }
}
