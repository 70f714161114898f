package procos.das.generation.pipeline;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import procos.das.generation.compile.DescriptionCompiler;
import procos.das.generation.compile.ProcessMetadata;
import procos.das.generation.context.GenerationContext;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.drafting.DescriptionStructure;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.drafting.IntentSet;
import procos.das.generation.drafting.deterministic.DeterministicDrafter;
import procos.das.generation.drafting.llm.LlmDrafter;
import procos.das.generation.intent.IntentNormalizer;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.rag.LanguageModel;
import procos.das.validation.BpmnValidator;
import procos.das.validation.ValidationSettings;

/**
 * Prints what process generation costs and how well it drafts, in one run:
 * <ol>
 *   <li>quality: the share of the intent set drafted with exactly the expected structure, by the
 *       deterministic drafter, and by the language-model path with a scripted model;</li>
 *   <li>speed: normalize + draft + compile + validate, p50 and p95, for a small intent and for the
 *       largest intents of the set, against the 100 ms target.</li>
 * </ol>
 * Run with {@code GenerationBenchmark [rounds]} (default 200); see docs/benchmarks.md.
 */
public final class GenerationBenchmark {

    static final long TARGET_P95_MS = 100;

    private GenerationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<IntentSet.Expected> intents = IntentSet.load();
        IntentNormalizer normalizer = new IntentNormalizer();
        DeterministicDrafter deterministic = new DeterministicDrafter();
        DescriptionCompiler compiler = new DescriptionCompiler();
        BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);

        DraftingLoop plain = loop(DrafterChoice.Mode.DETERMINISTIC, LanguageModel.NONE, deterministic, compiler, validator);
        int deterministicMatches = 0;
        for (IntentSet.Expected expected : intents) {
            NormalizedIntent intent = normalizer.normalize(expected.intent());
            DraftingLoop.Result result = plain.run(intent, GenerationContext.EMPTY, metadata(expected, intent));
            if (result.valid() && expected.differences(intent.domain(),
                    DescriptionStructure.of(result.last().attempt().description())).isEmpty()) {
                deterministicMatches++;
            }
        }

        // The scripted model replays the deterministic drafts, one in four damaged in transit in a rotating way
        // (chatter and a code fence; a missing default branch; text that is not JSON), which the repair round fixes.
        ScriptedModel model = new ScriptedModel();
        DraftingLoop viaModel = loop(DrafterChoice.Mode.LLM, model, deterministic, compiler, validator);
        int modelMatches = 0;
        int repaired = 0;
        int attempts = 0;
        for (int i = 0; i < intents.size(); i++) {
            IntentSet.Expected expected = intents.get(i);
            NormalizedIntent intent = normalizer.normalize(expected.intent());
            String clean = DescriptionJson.write(deterministic.draft(DraftRequest.first(intent, GenerationContext.EMPTY)).description());
            model.script(damaged(clean, i), clean);
            DraftingLoop.Result result = viaModel.run(intent, GenerationContext.EMPTY, metadata(expected, intent));
            attempts += result.attempts().size();
            if (result.attempts().size() > 1 && result.valid()) {
                repaired++;
            }
            if (result.valid() && expected.differences(intent.domain(),
                    DescriptionStructure.of(result.last().attempt().description())).isEmpty()) {
                modelMatches++;
            }
        }
        List<IntentSet.Expected> heldOut = IntentSet.heldOut();
        int heldOutMatches = 0;
        int heldOutValid = 0;
        List<String> heldOutMisses = new java.util.ArrayList<>();
        for (IntentSet.Expected expected : heldOut) {
            NormalizedIntent intent = normalizer.normalize(expected.intent());
            DraftingLoop.Result result = plain.run(intent, GenerationContext.EMPTY, metadata(expected, intent));
            if (!result.valid()) {
                heldOutMisses.add(expected.id() + ": no valid draft");
                continue;
            }
            heldOutValid++;
            List<String> differences = expected.differences(intent.domain(), DescriptionStructure.of(result.last().attempt().description()));
            if (differences.isEmpty()) {
                heldOutMatches++;
            } else {
                heldOutMisses.add(expected.id() + ": " + String.join("; ", differences));
            }
        }
        System.out.printf("quality   intents %d | deterministic drafter: %d matching (%.1f%%) | LLM path, scripted model: %d matching"
                        + " (%.1f%%), %d repaired, %.2f attempts per intent%n", intents.size(), deterministicMatches,
                100.0 * deterministicMatches / intents.size(), modelMatches, 100.0 * modelMatches / intents.size(), repaired,
                (double) attempts / intents.size());
        System.out.printf("quality   held-out intents %d (never used for tuning) | deterministic drafter: %d valid, %d with exactly the"
                + " expected structure (%.1f%%)%n", heldOut.size(), heldOutValid, heldOutMatches, 100.0 * heldOutMatches / heldOut.size());
        heldOutMisses.forEach(miss -> System.out.println("          miss " + miss));

        IntentSet.Expected small = intents.get(0);
        List<IntentSet.Expected> largest = intents.stream().sorted((a, b) -> Integer.compare(b.intent().length(), a.intent().length()))
                .limit(3).toList();
        time("small (" + small.id() + ")", List.of(small), rounds, normalizer, plain);
        time("largest 3 (" + String.join(", ", largest.stream().map(IntentSet.Expected::id).toList()) + ")", largest, rounds,
                normalizer, plain);
    }

    private static void time(String label, List<IntentSet.Expected> intents, int rounds, IntentNormalizer normalizer,
                             DraftingLoop loop) throws Exception {
        int elements = 0;
        for (int warmup = 0; warmup < 20; warmup++) {
            for (IntentSet.Expected expected : intents) {
                NormalizedIntent intent = normalizer.normalize(expected.intent());
                DraftingLoop.Result result = loop.run(intent, GenerationContext.EMPTY, metadata(expected, intent));
                elements = Math.max(elements, org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(
                        result.last().stampedXml().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.FlowNode.class).size());
            }
        }
        long[] micros = new long[rounds * intents.size()];
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (IntentSet.Expected expected : intents) {
                long started = System.nanoTime();
                NormalizedIntent intent = normalizer.normalize(expected.intent());
                loop.run(intent, GenerationContext.EMPTY, metadata(expected, intent));
                micros[n++] = (System.nanoTime() - started) / 1_000;
            }
        }
        Arrays.sort(micros);
        double p50 = micros[micros.length / 2] / 1000.0;
        double p95 = micros[(int) Math.ceil(micros.length * 0.95) - 1] / 1000.0;
        System.out.printf("speed     %-70s flow nodes <= %3d | p50 %6.1f ms | p95 %6.1f ms | target p95 <= %d ms: %s%n",
                label, elements, p50, p95, TARGET_P95_MS, p95 <= TARGET_P95_MS ? "met" : "MISSED");
    }

    private static DraftingLoop loop(DrafterChoice.Mode mode, LanguageModel model, DeterministicDrafter deterministic,
                                     DescriptionCompiler compiler, BpmnValidator validator) {
        return new DraftingLoop(new DraftRound(new DrafterChoice(mode, model, deterministic, new LlmDrafter(model)), compiler, validator), 3);
    }

    private static ProcessMetadata metadata(IntentSet.Expected expected, NormalizedIntent intent) {
        return new ProcessMetadata(expected.id().replace('-', '_'), 1, intent.text(), intent.domain(), "benchmark");
    }

    private static String damaged(String clean, int i) {
        return switch (i % 4) {
            case 1 -> "Here is the process you asked for:\n```json\n" + clean + "\n```\nLet me know if you need changes.";
            case 2 -> clean.replaceFirst("\"steps\":\\[", "\"steps\":[{\"type\":\"choice\",\"question\":\"Ready?\",\"branches\":["
                    + "{\"label\":\"yes\",\"condition\":{\"variable\":\"ready\",\"operator\":\"IS_TRUE\"},\"steps\":[]}]},");
            case 3 -> "I cannot produce JSON for this, but the process starts when the request arrives.";
            default -> clean;
        };
    }

    /** Answers from a script: the first answer for an intent, then the clean one for every repair. */
    private static final class ScriptedModel implements LanguageModel {

        private final Deque<String> answers = new ArrayDeque<>();
        private String repair;

        void script(String first, String clean) {
            answers.clear();
            answers.add(first);
            repair = clean;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String complete(String system, String prompt) {
            return answers.isEmpty() ? repair : answers.removeFirst();
        }
    }
}
