package procos.das.validation;

import java.util.Arrays;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Prints how long {@link BpmnValidator#validate} takes (p50/p95 over repeated runs after a warm-up)
 * and how many states the soundness check explores after reduction (and, for comparison, without
 * it), for a small model, a 30-node model and models nested 3 to 6 levels deep in parallel splits. Run it with the test class path:
 * {@code java -cp ... procos.das.validation.ValidationBenchmark [runs]}.
 */
public final class ValidationBenchmark {

    private ValidationBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        BpmnValidator validator = new BpmnValidator(ValidationSettings.DEFAULTS);
        System.out.printf("%-28s %6s %6s %10s %10s %14s %7s %8s %16s %s%n", "model", "nodes", "flows", "p50 ms", "p95 ms",
                "soundness ms", "places", "states", "unreduced states", "verdict");
        measure(validator, "small (3 nodes)", Models.CLEAN, runs);
        measure(validator, "30 nodes, xor + and blocks", thirtyNodes(), runs);
        for (int depth = 3; depth <= 6; depth++) {
            measure(validator, "nested parallel, depth " + depth, NestedModels.parallel(depth), Math.max(5, runs / (1 << depth)));
        }
    }

    private static void measure(BpmnValidator validator, String label, String model, int runs) {
        byte[] xml = Models.bytes(model);
        for (int i = 0; i < Math.min(50, runs); i++) {
            validator.validate(xml);
        }
        long[] micros = new long[runs];
        ValidationReport report = null;
        for (int i = 0; i < runs; i++) {
            report = validator.validate(xml);
            micros[i] = report.elapsedMicros();
        }
        Arrays.sort(micros);
        BpmnModelInstance parsed = report.model();
        int states = 0;
        int places = 0;
        int unreducedStates = 0;
        int nodes = 0;
        int flows = 0;
        long soundnessNanos = 0;
        SoundnessCheck soundness = new SoundnessCheck(ValidationSettings.DEFAULTS.maxStates());
        SoundnessCheck unreduced = new SoundnessCheck(ValidationSettings.DEFAULTS.maxStates(), false);
        for (Scope scope : Scope.of(parsed)) {
            FlowGraph graph = new FlowGraph(scope);
            nodes += scope.nodes().size();
            flows += scope.flows().size();
            long started = System.nanoTime();
            SoundnessCheck.Result result = soundness.check(graph);
            soundnessNanos += System.nanoTime() - started;
            states += result.states();
            places += result.places();
            unreducedStates += unreduced.check(graph).states();
        }
        String verdict = report.passes() ? "passes" : "refused";
        if (!report.findings(Rules.SOUNDNESS_STATE_SPACE_EXCEEDED).isEmpty()) {
            verdict += " (state budget exceeded)";
        }
        System.out.printf("%-28s %6d %6d %10.2f %10.2f %14.2f %7d %8d %16d %s%n", label, nodes, flows,
                micros[runs / 2] / 1000.0, micros[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)] / 1000.0,
                soundnessNanos / 1e6, places, states, unreducedStates, verdict);
    }

    /** 30 flow nodes: start, 3 blocks of (exclusive choice of two tasks, task, parallel block of two tasks), end. */
    static String thirtyNodes() {
        StringBuilder body = new StringBuilder("<bpmn:startEvent id=\"start\" name=\"Order received\"/>\n");
        String previous = "start";
        int flow = 0;
        for (int block = 1; block <= 3; block++) {
            String choice = "choice_" + block;
            String merge = "merge_" + block;
            String split = "split_" + block;
            String join = "join_" + block;
            body.append("<bpmn:exclusiveGateway id=\"%s\" name=\"Express %d?\" default=\"to_normal_%d\"/>\n".formatted(choice, block, block));
            body.append("<bpmn:exclusiveGateway id=\"%s\"/>\n<bpmn:parallelGateway id=\"%s\"/>\n<bpmn:parallelGateway id=\"%s\"/>\n"
                    .formatted(merge, split, join));
            body.append(Models.flow("f" + ++flow, previous, choice));
            body.append(Models.conditional("to_express_" + block, choice, "express_" + block, "express"));
            body.append(Models.flow("to_normal_" + block, choice, "normal_" + block));
            body.append(Models.task("express_" + block, "Ship express")).append(Models.task("normal_" + block, "Ship normally"));
            body.append(Models.flow("f" + ++flow, "express_" + block, merge)).append(Models.flow("f" + ++flow, "normal_" + block, merge));
            body.append(Models.flow("f" + ++flow, merge, "check_" + block)).append(Models.task("check_" + block, "Check shipment"));
            body.append(Models.flow("f" + ++flow, "check_" + block, split));
            body.append(Models.flow("f" + ++flow, split, "bill_" + block)).append(Models.flow("f" + ++flow, split, "notify_" + block));
            body.append(Models.task("bill_" + block, "Bill order")).append(Models.task("notify_" + block, "Notify customer"));
            body.append(Models.flow("f" + ++flow, "bill_" + block, join)).append(Models.flow("f" + ++flow, "notify_" + block, join));
            previous = join;
        }
        body.append(Models.flow("f" + ++flow, previous, "end")).append("<bpmn:endEvent id=\"end\" name=\"Order completed\"/>\n");
        return Models.generated(body.toString());
    }
}
