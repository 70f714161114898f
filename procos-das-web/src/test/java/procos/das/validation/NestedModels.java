package procos.das.validation;

import static procos.das.validation.Models.conditional;
import static procos.das.validation.Models.flow;
import static procos.das.validation.Models.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated models of parallel blocks nested a given number of levels deep, two branches each, a
 * task at every leaf; the first (deepest, leftmost) leaf may be replaced by another fragment.
 */
final class NestedModels {

    /**
     * A fragment put in place of a leaf task.
     *
     * @param elements its flow nodes and sequence flows
     * @param entry    the node the enclosing split's flow leads to
     * @param exit     the node whose flow leads to the enclosing join, or {@code null} when none does
     */
    record Fragment(String elements, String entry, String exit) {
    }

    /** An exclusive choice joined in parallel: the join {@code bad_join} deadlocks. */
    static final Fragment DEADLOCK = new Fragment("""
            <bpmn:exclusiveGateway id="choice" name="Express?" default="to_normal"/>
            <bpmn:parallelGateway id="bad_join"/>
            %s %s %s %s %s %s
            """.formatted(conditional("to_express", "choice", "express", "express"), flow("to_normal", "choice", "normal"),
            task("express", "Ship express"), task("normal", "Ship normally"), flow("express_done", "express", "bad_join"),
            flow("normal_done", "normal", "bad_join")), "choice", "bad_join");

    /** A parallel split merged exclusively at {@code bad_merge}: what follows runs twice. */
    static final Fragment UNSYNCHRONIZED = new Fragment("""
            <bpmn:parallelGateway id="fork"/>
            <bpmn:exclusiveGateway id="bad_merge"/>
            %s %s %s %s %s %s
            """.formatted(flow("to_pack", "fork", "pack"), flow("to_bill", "fork", "bill"), task("pack", "Pack order"),
            task("bill", "Bill order"), flow("packed", "pack", "bad_merge"), flow("billed", "bill", "bad_merge")), "fork", "bad_merge");

    /** A loop {@code again → ask → wait → again} without exit, so nothing leads to the enclosing join. */
    static final Fragment ENDLESS_LOOP = new Fragment("""
            <bpmn:exclusiveGateway id="again"/>
            %s %s %s %s %s
            """.formatted(flow("to_ask", "again", "ask"), task("ask", "Ask customer"), flow("asked", "ask", "wait"),
            task("wait", "Await answer"), flow("answered", "wait", "again")), "again", null);

    private NestedModels() {
    }

    static String parallel(int depth) {
        return parallel(depth, null);
    }

    static String parallel(int depth, Fragment firstLeaf) {
        List<String> elements = new ArrayList<>();
        int[] counter = {0};
        Fragment[] leaf = {firstLeaf};
        String[] block = block(depth, elements, counter, leaf);
        elements.add(0, "<bpmn:startEvent id=\"start\" name=\"Order received\"/>");
        elements.add(Models.flow("in", "start", block[0]));
        elements.add(Models.flow("out", block[1], "end"));
        elements.add("<bpmn:endEvent id=\"end\" name=\"Order completed\"/>");
        return Models.generated(String.join("\n", elements));
    }

    /** The entry and exit ids of a block of the given depth; its elements are added to {@code elements}. */
    private static String[] block(int depth, List<String> elements, int[] counter, Fragment[] leaf) {
        int id = ++counter[0];
        if (depth == 0) {
            if (leaf[0] != null) {
                Fragment fragment = leaf[0];
                leaf[0] = null;
                elements.add(fragment.elements());
                return new String[] {fragment.entry(), fragment.exit()};
            }
            elements.add(Models.task("task_" + id, "Handle part"));
            return new String[] {"task_" + id, "task_" + id};
        }
        String split = "split_" + id;
        String join = "join_" + id;
        elements.add("<bpmn:parallelGateway id=\"" + split + "\"/>");
        elements.add("<bpmn:parallelGateway id=\"" + join + "\"/>");
        for (int branch = 0; branch < 2; branch++) {
            String[] inner = block(depth - 1, elements, counter, leaf);
            elements.add(Models.flow(split + "_to_" + inner[0], split, inner[0]));
            if (inner[1] != null) {
                elements.add(Models.flow(inner[1] + "_to_" + join, inner[1], join));
            }
        }
        return new String[] {split, join};
    }
}
