package procos.das.generation.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.camunda.bpm.model.bpmn.Bpmn;
import procos.das.generation.compile.CompiledProcess;
import procos.das.generation.compile.DescriptionCompiler;
import procos.das.generation.compile.ProcessMetadata;
import procos.das.generation.description.InvalidDescriptionException;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.drafting.Draft;
import procos.das.generation.drafting.Drafter;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.drafting.DraftingException;
import procos.das.generation.store.Attempt;
import procos.das.validation.BpmnValidator;
import procos.das.validation.Finding;
import procos.das.validation.ValidationHash;
import procos.das.validation.ValidationReport;

/**
 * One round of the drafting loop — draft and compile, then validate — shared by
 * {@code process_generation}'s steps and the command line. A drafter's or compiler's failure is a
 * finding of the attempt, like a validation finding, so the next round is asked to fix it.
 */
public final class DraftRound {

    /** Drafting problems a new attempt cannot fix: the intent itself is the problem. */
    private static final List<String> FINAL_DRAFTING_CODES = List.of("NO_ACTIONABLE_STEP", "UNSUPPORTED_LANGUAGE");
    static final String MODEL_UNAVAILABLE = "MODEL_UNAVAILABLE";

    private final DrafterChoice drafters;
    private final DescriptionCompiler compiler;
    private final BpmnValidator validator;

    public DraftRound(DrafterChoice drafters, DescriptionCompiler compiler, BpmnValidator validator) {
        this.drafters = drafters;
        this.compiler = compiler;
        this.validator = validator;
    }

    /** A drafted attempt and its BPMN ({@code null} when drafting or compiling failed). */
    public record Drafted(Attempt attempt, CompiledProcess compiled) {
    }

    /** A validated attempt; the XML is stamped with its validation hash when it passed. */
    public record Judged(Attempt attempt, String stampedXml, String validationHash) {

        public boolean valid() {
            return validationHash != null && attempt.valid();
        }
    }

    /**
     * Drafts attempt {@code request.attempt()} and compiles it with {@code metadata}; the version is
     * the next one of the compiled key as {@code nextVersion} says. A model that is unavailable hands
     * the round to the deterministic drafter.
     */
    public Drafted draft(DraftRequest request, ProcessMetadata metadata, ToIntFunction<String> nextVersion) {
        long started = System.nanoTime();
        Drafter drafter = drafters.current();
        Outcome outcome = draftWith(drafter, request);
        if (outcome.draft() == null && drafter != drafters.deterministic() && MODEL_UNAVAILABLE.equals(outcome.code())) {
            drafter = drafters.deterministic();
            outcome = draftWith(drafter, request);
        }
        if (outcome.draft() == null) {
            return new Drafted(new Attempt(request.attempt(), drafter.name(), null, List.of(), List.of(outcome.finding()),
                    ms(started), 0, false), null);
        }
        List<Finding> problems = new ArrayList<>();
        CompiledProcess compiled = compile(outcome.draft().description(), metadata, nextVersion, problems);
        return new Drafted(new Attempt(request.attempt(), drafter.name(), outcome.draft().description(), outcome.draft().notes(),
                problems, ms(started), 0, false), compiled);
    }

    /** Validates an attempt's BPMN ({@code xml} may be null when the attempt has none). */
    public Judged validate(Attempt attempt, String xml) {
        long started = System.nanoTime();
        List<Finding> validation = List.of();
        String stamped = null;
        String hash = null;
        if (xml != null && attempt.findings().stream().noneMatch(Finding::blocks)) {
            ValidationReport report = validator.validate(xml.getBytes(StandardCharsets.UTF_8));
            validation = report.findings();
            if (report.passes()) {
                ValidationHash.stamp(report.model());
                stamped = Bpmn.convertToString(report.model());
                hash = ValidationHash.compute(report.model());
            }
        }
        return new Judged(attempt.validated(validation, ms(started)), stamped, hash);
    }

    /** Whether another attempt could fix what this one found. */
    public static boolean repairable(Attempt attempt) {
        return attempt.findings().stream().filter(Finding::blocks).noneMatch(f -> FINAL_DRAFTING_CODES.stream()
                .anyMatch(code -> f.rule().equals(draftingRule(code))));
    }

    private CompiledProcess compile(ProcessDescription drafted, ProcessMetadata metadata, ToIntFunction<String> nextVersion,
                                    List<Finding> problems) {
        try {
            // The request's domain is the one the policy and the metadata go by, whatever the drafter wrote.
            ProcessDescription description = metadata.domain() == null ? drafted : new ProcessDescription(drafted.name(),
                    metadata.domain(), drafted.roles(), drafted.trigger(), drafted.steps());
            CompiledProcess compiled = compiler.compile(description, metadata);
            int version = nextVersion.applyAsInt(compiled.key());
            return version == metadata.version() ? compiled : compiler.compile(description, new ProcessMetadata(compiled.key(),
                    version, metadata.intent(), metadata.domain(), metadata.createdBy()));
        } catch (InvalidDescriptionException e) {
            e.problems().forEach(problem -> problems.add(Finding.error("description.invalid", null, problem)));
            return null;
        }
    }

    private record Outcome(Draft draft, Finding finding, String code) {
    }

    private static Outcome draftWith(Drafter drafter, DraftRequest request) {
        try {
            return new Outcome(drafter.draft(request), null, null);
        } catch (DraftingException e) {
            return new Outcome(null, Finding.error(draftingRule(e.code()), null, e.getMessage()), e.code());
        }
    }

    private static String draftingRule(String code) {
        return "draft." + code.toLowerCase(Locale.ROOT);
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
