package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.List;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Step;
import procos.das.generation.description.Task;
import procos.das.generation.drafting.Draft;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.drafting.Drafter;
import procos.das.generation.drafting.DraftingException;
import procos.das.generation.intent.AnalyzedSentence;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.generation.intent.TextAnalyzer;

/**
 * Drafts a process description from plain English without a language model: OpenNLP splits the
 * intent into sentences, tokens, parts of speech and lemmas; clauses are cut at connectives; each
 * clause is read as an action, a condition, an event, a wait, a repetition or a deadline; and the
 * block tree is assembled from them (see {@link ProcessAssembler}). What it cannot place becomes a
 * note of the draft. It drafts the same text the same way every time; on a repair attempt it applies
 * what it can of the findings (see {@link DraftRepairer}). Thread-safe.
 */
public final class DeterministicDrafter implements Drafter {

    public static final String NAME = "deterministic";
    static final String ENGLISH = "eng";

    private final TextAnalyzer analyzer;
    private final ClauseSplitter splitter = new ClauseSplitter();
    private final ClauseReader reader;
    private final DraftRepairer repairer = new DraftRepairer();

    public DeterministicDrafter() {
        this(TextAnalyzer.english());
    }

    DeterministicDrafter(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
        this.reader = new ClauseReader(analyzer);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Draft draft(DraftRequest request) throws DraftingException {
        NormalizedIntent intent = request.intent();
        if (intent == null || intent.text() == null || intent.text().isBlank()) {
            throw new DraftingException("NO_ACTIONABLE_STEP", "The intent is empty: there is nothing to draft a process from.");
        }
        if (!ENGLISH.equals(intent.language())) {
            throw new DraftingException("UNSUPPORTED_LANGUAGE", "The intent reads as " + intent.language()
                    + "; without a language model only English is understood. Write the intent in English, or configure"
                    + " a language model for process generation, which drafts from other languages too.");
        }
        List<String> notes = new ArrayList<>();
        TaskFactory tasks = new TaskFactory(intent.domain());
        ProcessAssembler assembler = new ProcessAssembler(tasks, notes);
        List<AnalyzedSentence> sentences = analyzer.analyze(intent.text());
        for (int index = 0; index < sentences.size(); index++) {
            List<Clause> clauses = splitter.split(sentences.get(index), index);
            List<ClauseContent> contents = new ArrayList<>();
            for (Clause clause : clauses) {
                contents.add(reader.read(clause, index == 0 && clause.firstInSentence()));
            }
            assembler.sentence(clauses, contents, index);
        }
        ProcessDescription description = assembler.finish("Process");
        if (!hasTask(description.steps())) {
            throw new DraftingException("NO_ACTIONABLE_STEP", "No step to do was found in the intent: say what is done,"
                    + " led by a verb (\"Check the stock, then ship the order\")."
                    + (notes.isEmpty() ? "" : " " + String.join(" ", notes)));
        }
        if (request.attempt() > 1 && !request.findings().isEmpty()) {
            DraftRepairer.Repaired repaired = repairer.repair(description, request.findings());
            description = repaired.description();
            notes.addAll(repaired.notes());
        }
        return new Draft(description, NAME, notes);
    }

    private static boolean hasTask(List<Step> steps) {
        return steps.stream().anyMatch(step -> step instanceof Task
                || step instanceof procos.das.generation.description.Choice choice
                && choice.branches().stream().anyMatch(b -> hasTask(b.steps()))
                || step instanceof procos.das.generation.description.Parallel parallel
                && parallel.branches().stream().anyMatch(b -> hasTask(b.steps()))
                || step instanceof procos.das.generation.description.Loop loop && hasTask(loop.body()));
    }
}
