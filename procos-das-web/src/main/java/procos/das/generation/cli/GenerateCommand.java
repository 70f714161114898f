package procos.das.generation.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import procos.das.generation.compile.DescriptionCompiler;
import procos.das.generation.compile.ProcessMetadata;
import procos.das.generation.context.ContextAssembler;
import procos.das.generation.context.ContextSettings;
import procos.das.generation.context.KnowledgeRetriever;
import procos.das.generation.context.PatternLibrary;
import procos.das.generation.drafting.deterministic.DeterministicDrafter;
import procos.das.generation.intent.IntentNormalizer;
import procos.das.generation.intent.InvalidIntentException;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.generation.pipeline.DraftRound;
import procos.das.generation.pipeline.DrafterChoice;
import procos.das.generation.pipeline.DraftingLoop;
import procos.das.generation.store.Attempt;
import procos.das.rag.LanguageModel;
import procos.das.validation.BpmnValidator;
import procos.das.validation.Finding;
import procos.das.validation.ValidationSettings;

/**
 * {@code GenerateCommand "intent text" [--out FILE] [--key KEY]}: drafts a process for the intent
 * with the deterministic drafter, validates it (repairing up to three times) and prints the
 * validated BPMN, or writes it to {@code FILE}; when no draft validates it prints the findings.
 * Exits 0 with a valid process, 1 with findings, 2 when the arguments or the intent are unusable.
 * It needs no server: nothing is deployed (submit the intent to the server's API for that).
 */
public final class GenerateCommand {

    static final int GENERATED = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int MAX_ATTEMPTS = 3;

    private static final String USAGE_TEXT = "usage: generate \"intent text\" [--out FILE] [--key PROCESS_KEY]";

    private GenerateCommand() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        // Structured log lines go to standard output; here that is where the BPMN goes, so they go to standard error.
        System.setOut(System.err);
        System.exit(run(args, out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>();
        Path outFile = null;
        String key = null;
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--out") || args[i].equals("--key")) && i + 1 < args.length) {
                if (args[i].equals("--out")) {
                    outFile = Path.of(args[++i]);
                } else {
                    key = args[++i];
                }
            } else if (args[i].startsWith("--")) {
                err.println(USAGE_TEXT);
                return USAGE;
            } else {
                words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        NormalizedIntent intent;
        try {
            intent = new IntentNormalizer().normalize(String.join(" ", words));
        } catch (InvalidIntentException e) {
            err.println("intent: " + e.getMessage());
            return USAGE;
        }
        DraftingLoop.Result result = loop().run(intent, assembler().assemble(intent),
                new ProcessMetadata(key, 1, intent.text(), intent.domain(), "procos-cli"));
        for (Attempt attempt : result.attempts()) {
            attempt.notes().forEach(note -> err.println("note: " + note));
        }
        if (!result.valid()) {
            err.println("no valid process after " + result.attempts().size() + " attempt(s):");
            result.last().attempt().findings().forEach(finding -> out.println(line(finding)));
            return FINDINGS;
        }
        result.last().attempt().findings().forEach(finding -> err.println(line(finding)));
        String xml = result.last().stampedXml();
        if (outFile == null) {
            out.println(xml);
            return GENERATED;
        }
        try {
            Files.writeString(outFile, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot write " + outFile + ": " + e.getMessage());
            return USAGE;
        }
        err.println("wrote " + outFile + " (validation hash " + result.last().validationHash() + ")");
        return GENERATED;
    }

    private static DraftingLoop loop() {
        DrafterChoice drafters = new DrafterChoice(DrafterChoice.Mode.DETERMINISTIC, LanguageModel.NONE, new DeterministicDrafter(), null);
        return new DraftingLoop(new DraftRound(drafters, new DescriptionCompiler(), new BpmnValidator(ValidationSettings.DEFAULTS)),
                MAX_ATTEMPTS);
    }

    /** Patterns only: offline there are no deployed processes, no knowledge base and no embedding model to load. */
    private static ContextAssembler assembler() {
        return new ContextAssembler(PatternLibrary.builtIn(), null, List::of, KnowledgeRetriever.NONE, ContextSettings.DEFAULTS);
    }

    private static String line(Finding finding) {
        return finding.severity() + " " + finding.rule() + " " + Optional.ofNullable(finding.elementId()).orElse("-")
                + " " + finding.message();
    }
}
