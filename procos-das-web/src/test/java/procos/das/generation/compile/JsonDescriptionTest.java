package procos.das.generation.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import procos.das.generation.description.DescriptionJson;
import procos.das.generation.description.ProcessDescription;
import procos.das.testing.ProcessRun;

/** A description as a drafter writes it, in JSON, read, compiled, deployed and run along its paths. */
class JsonDescriptionTest {

    private static TestEngine engine;
    private static String definitionId;

    @BeforeAll
    static void deploy() throws Exception {
        engine = new TestEngine();
        ProcessDescription description = DescriptionJson.read(resource("order_fulfilment.json"));
        definitionId = engine.deploy(new DescriptionCompiler().compile(description,
                new ProcessMetadata(null, 1, "Fulfil orders from stock, or ask the supplier", null, "tester")));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = JsonDescriptionTest.class.getResourceAsStream("/generation/compile/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ProcessRun.Finished run(ProcessRun run) {
        String id = engine.engine.getRuntimeService().startProcessInstanceByMessage("order_placed").getId();
        ProcessRun.Finished finished = run.untilEnd(id);
        assertThat(finished.history().getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(finished.history().getProcessDefinitionId()).isEqualTo(definitionId);
        return finished;
    }

    @Test
    void largeOrderInStockIsApprovedThenShippedAndBilled() {
        ProcessRun.Finished finished = run(new ProcessRun(engine.engine)
                .answer("check_stock", Map.of("items_available", true, "total", 2500))
                .answer("approve_order", Map.of("approved", true)));

        assertThat(finished.activities()).contains("approve_order", "ship_items", "send_invoice").doesNotContain("remind_manager");
    }

    @Test
    void largeOrderWhoseApprovalIsLateRemindsTheManager() {
        ProcessRun.Finished finished = run(new ProcessRun(engine.engine)
                .answer("check_stock", Map.of("items_available", true, "total", 2500))
                .neverDo("approve_order"));

        assertThat(finished.activities()).contains("remind_manager", "ship_items", "send_invoice");
    }

    @Test
    void smallOrderInStockSkipsApproval() {
        ProcessRun.Finished finished = run(new ProcessRun(engine.engine)
                .answer("check_stock", Map.of("items_available", true, "total", 20)));

        assertThat(finished.activities()).contains("ship_items", "send_invoice").doesNotContain("approve_order");
    }

    @Test
    void missingItemsAreAskedOfTheSupplierUntilConfirmedThenTheCustomerReplies() {
        ProcessRun.Finished finished = run(new ProcessRun(engine.engine)
                .answer("check_stock", Map.of("items_available", false, "total", 20))
                .answer("call_supplier", Map.of("confirmed", "no"), Map.of("confirmed", "yes")));

        assertThat(finished.count("call_supplier")).isEqualTo(2);
        assertThat(finished.activities()).contains("customer_replied").doesNotContain("ship_items");
    }
}
