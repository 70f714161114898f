package procos.das.generation.drafting.deterministic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import procos.das.generation.drafting.DraftRequest;
import procos.das.generation.intent.IntentNormalizer;
import procos.das.generation.intent.NormalizedIntent;
import procos.das.generation.intent.TextAnalyzer;

/**
 * Prints p50/p95 time to normalize a new intent and draft from it, for a small intent and a ~30-step
 * intent, after the models are loaded and the code is warm. Run it from the test classpath:
 * {@code java -cp <test classpath> procos.das.generation.drafting.deterministic.DraftingBenchmark [rounds]}.
 */
public final class DraftingBenchmark {

    static final String SMALL = "When an order arrives, check stock; if items are available, ship them, otherwise notify the customer.";
    static final String LARGE = "When a customer order is received from the web shop, validate the order data and check the customer's"
            + " credit limit. If the credit check fails, put the order on hold and email the sales team. Then check stock for all"
            + " items. If items are missing, create a purchase order for the supplier and wait for the supplier's delivery"
            + " confirmation. Next, the warehouse picks the items, packs them and prints the shipping label. At the same time,"
            + " generate the invoice and send it to the customer. After that, book the shipment with the carrier and send the"
            + " tracking link to the customer. The customer service lead reviews any complaint within 4 hours, otherwise escalate"
            + " to the manager. Wait 14 days. If the invoice has not been paid, send a payment reminder. Charge the card and"
            + " retry up to three times. Ask the AI to summarize the customer feedback and store the summary in the CRM."
            + " Finally, close the order, archive all documents and update the sales dashboard.";

    private DraftingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        IntentNormalizer normalizer = new IntentNormalizer();
        DeterministicDrafter drafter = new DeterministicDrafter();
        long loadStart = System.nanoTime();
        normalizer.normalize(SMALL);
        System.out.printf("models loaded in %d ms%n", (System.nanoTime() - loadStart) / 1_000_000);
        for (String[] intent : new String[][] {{"small", SMALL}, {"~30 steps", LARGE}}) {
            for (int i = 0; i < 50; i++) {
                drafter.draft(DraftRequest.first(normalizer.normalize(intent[1]), null));
            }
            List<Long> times = new ArrayList<>();
            int steps = 0;
            for (int i = 0; i < rounds; i++) {
                // Each round starts from text the analyzer has not just seen, as a new intent would.
                TextAnalyzer.english().analyze("Evict round " + i + ".");
                long start = System.nanoTime();
                NormalizedIntent normalized = normalizer.normalize(intent[1]);
                var draft = drafter.draft(DraftRequest.first(normalized, null));
                times.add(System.nanoTime() - start);
                steps = procos.das.generation.drafting.DescriptionStructure.of(draft.description()).names().size();
            }
            Collections.sort(times);
            System.out.printf("%-10s %3d named elements  p50 %6.2f ms  p95 %6.2f ms  (%d rounds)%n", intent[0], steps,
                    times.get(times.size() / 2) / 1e6, times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1e6, rounds);
        }
    }
}
