package procos.das.generation.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static procos.das.generation.compile.Descriptions.*;

import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import procos.das.generation.description.Condition;
import procos.das.generation.description.InvalidDescriptionException;
import procos.das.generation.description.ProcessDescription;

/** Compiled models deployed to a real engine and run to their end along every path. */
class CompiledProcessExecutionTest {

    private static TestEngine engine;
    private final DescriptionCompiler compiler = new DescriptionCompiler();

    @BeforeAll
    static void startEngine() {
        engine = new TestEngine();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private String start(ProcessDescription description, Map<String, Object> variables) throws InvalidDescriptionException {
        CompiledProcess compiled = compiler.compile(description, metadata());
        String definitionId = engine.deploy(compiled);
        return engine.engine.getRuntimeService().startProcessInstanceById(definitionId, variables).getId();
    }

    private static void assertCompleted(ProcessRun.Finished finished) {
        assertThat(finished.history().getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(finished.history().getEndTime()).isNotNull();
    }

    @Test
    void choiceTakesTheBranchWhoseConditionHoldsAndTheDefaultOtherwise() throws Exception {
        ProcessDescription description = process("Order fulfilment",
                service("Check stock", "orders.check_stock", "items_available"),
                choice("Items available", when("yes", Condition.isTrue("items_available"),
                                service("Ship items", "orders.ship")),
                        otherwise("no", user("Notify customer", "clerk"))));
        for (boolean available : new boolean[] {true, false}) {
            String id = start(description, Map.of());
            ProcessRun.Finished finished = new ProcessRun(engine.engine)
                    .answer("check_stock", Map.of("items_available", available))
                    .untilEnd(id);
            assertCompleted(finished);
            assertThat(finished.count("ship_items")).isEqualTo(available ? 1 : 0);
            assertThat(finished.count("notify_customer")).isEqualTo(available ? 0 : 1);
        }
    }
}
