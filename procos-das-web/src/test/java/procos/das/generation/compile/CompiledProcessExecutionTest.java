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
import procos.das.generation.description.Timer;
import procos.das.generation.description.Trigger;
import procos.das.testing.ProcessRun;

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

    @Test
    void comparisonsOfNumbersStringsAndEnumsRouteToTheirBranch() throws Exception {
        ProcessDescription description = process("Claims",
                user("Assess claim", "assessor", number("amount"), options("verdict", "pay", "reject", "it's \"unclear\"")),
                choice("Which route", when("large", new Condition("amount", Condition.Operator.GT, 1000),
                                service("Audit claim", "claims.audit")),
                        when("rejected", Condition.equalTo("verdict", "reject"), service("Send rejection", "claims.reject")),
                        when("unclear", Condition.equalTo("verdict", "it's \"unclear\""), user("Ask claimant", "assessor")),
                        otherwise("pay", service("Pay claim", "claims.pay"))));
        Map<String, Map<String, Object>> answers = Map.of(
                "audit_claim", Map.of("amount", 5000L, "verdict", "pay"),
                "send_rejection", Map.of("amount", 10L, "verdict", "reject"),
                "ask_claimant", Map.of("amount", 10L, "verdict", "it's \"unclear\""),
                "pay_claim", Map.of("amount", 1000L, "verdict", "pay"));
        for (Map.Entry<String, Map<String, Object>> expected : answers.entrySet()) {
            String id = start(description, Map.of());
            ProcessRun.Finished finished = new ProcessRun(engine.engine).answer("assess_claim", expected.getValue()).untilEnd(id);
            assertCompleted(finished);
            assertThat(finished.activities()).as("answers %s", expected.getValue())
                    .contains(expected.getKey())
                    .doesNotContainAnyElementsOf(answers.keySet().stream().filter(k -> !k.equals(expected.getKey())).toList());
        }
    }

    @Test
    void isFalseAndNotEqualConditionsRouteToTheirBranch() throws Exception {
        ProcessDescription description = process("Approval",
                user("Decide", "manager", bool("approved"), text("region")),
                choice("Approved", when("no", Condition.isFalse("approved"), service("Archive", "docs.archive")),
                        otherwise("yes", service("Carry out", "docs.execute"))),
                choice("Abroad", when("abroad", new Condition("region", Condition.Operator.NE, "home"), service("Add customs", "docs.customs")),
                        otherwise("home")));
        String declined = start(description, Map.of());
        ProcessRun.Finished no = new ProcessRun(engine.engine).answer("decide", Map.of("approved", false, "region", "home")).untilEnd(declined);
        assertCompleted(no);
        assertThat(no.activities()).contains("archive").doesNotContain("carry_out", "add_customs");

        String approved = start(description, Map.of());
        ProcessRun.Finished yes = new ProcessRun(engine.engine).answer("decide", Map.of("approved", true, "region", "abroad")).untilEnd(approved);
        assertCompleted(yes);
        assertThat(yes.activities()).contains("carry_out", "add_customs").doesNotContain("archive");
    }

    @Test
    void parallelBranchesAllRunAndJoin() throws Exception {
        String id = start(process("Ship order", parallel(branch("pack", service("Pack items", "orders.pack")),
                branch("bill", service("Send invoice", "billing.invoice"), user("Confirm payment", "accountant")),
                branch("nothing")), service("Hand to courier", "orders.courier")), Map.of());

        ProcessRun.Finished finished = new ProcessRun(engine.engine).untilEnd(id);

        assertCompleted(finished);
        assertThat(finished.activities()).contains("pack_items", "send_invoice", "confirm_payment");
        assertThat(finished.count("hand_to_courier")).isEqualTo(1);
        assertThat(finished.count("parallel_join")).isEqualTo(3);
    }

    @Test
    void untilLoopRepeatsItsBodyUntilTheConditionHolds() throws Exception {
        String id = start(process("Review", until("Correct", Condition.isTrue("correct"),
                service("Draft text", "docs.draft"), user("Review text", "editor", bool("correct")))), Map.of());

        ProcessRun.Finished finished = new ProcessRun(engine.engine)
                .answer("review_text", Map.of("correct", false), Map.of("correct", false), Map.of("correct", true))
                .untilEnd(id);

        assertCompleted(finished);
        assertThat(finished.count("draft_text")).isEqualTo(3);
        assertThat(finished.count("review_text")).isEqualTo(3);
    }

    @Test
    void countedLoopRunsAtMostItsLimitAndStopsEarlyWhenUntilHolds() throws Exception {
        ProcessDescription description = process("Reach supplier",
                atMost(3, Condition.isTrue("reached"), service("Call supplier", "supplier.call", "reached")));

        String unreachable = start(description, Map.of());
        ProcessRun.Finished never = new ProcessRun(engine.engine).answer("call_supplier", Map.of("reached", false)).untilEnd(unreachable);
        assertCompleted(never);
        assertThat(never.count("call_supplier")).isEqualTo(3);

        String second = start(description, Map.of());
        ProcessRun.Finished early = new ProcessRun(engine.engine)
                .answer("call_supplier", Map.of("reached", false), Map.of("reached", true)).untilEnd(second);
        assertCompleted(early);
        assertThat(early.count("call_supplier")).isEqualTo(2);
    }

    @Test
    void countedLoopWithoutUntilRunsExactlyItsLimit() throws Exception {
        String id = start(process("Remind", atMost(2, null, service("Send reminder", "mail.send"), waitFor("P1D"))), Map.of());

        ProcessRun.Finished finished = new ProcessRun(engine.engine).untilEnd(id);

        assertCompleted(finished);
        assertThat(finished.count("send_reminder")).isEqualTo(2);
        assertThat(finished.count("wait_1_day_passed")).isEqualTo(2);
    }

    @Test
    void timerAndMessageWaitsHoldTheInstanceUntilTheyFire() throws Exception {
        String id = start(process("Follow up", service("Send offer", "mail.send"), waitFor("P2D"),
                message(null, "customer_reply"), service("Read reply", "mail.read")), Map.of());

        ProcessRun.Finished finished = new ProcessRun(engine.engine).untilEnd(id);

        assertCompleted(finished);
        assertThat(finished.activities()).containsSubsequence("send_offer", "wait_2_days_passed", "customer_reply_received", "read_reply");
    }

    @Test
    void deadlineThatPassesRunsTheEscalationAndTheProcessGoesOn() throws Exception {
        ProcessDescription description = process("Approval",
                withDeadline(user("Approve order", "manager", bool("approved")), "PT4H", service("Escalate", "orders.escalate")),
                service("Ship", "orders.ship"));

        String late = start(description, Map.of());
        ProcessRun.Finished expired = new ProcessRun(engine.engine).neverDo("approve_order").untilEnd(late);
        assertCompleted(expired);
        assertThat(expired.activities()).contains("approve_order_deadline", "escalate", "ship");

        String inTime = start(description, Map.of());
        ProcessRun.Finished done = new ProcessRun(engine.engine).answer("approve_order", Map.of("approved", true)).untilEnd(inTime);
        assertCompleted(done);
        assertThat(done.activities()).contains("ship").doesNotContain("escalate", "approve_order_deadline");
    }

    @Test
    void deadlineWithoutEscalationStepsGoesStraightOn() throws Exception {
        String id = start(process("Courier booking", withDeadline(service("Book courier", "orders.courier"), "PT1H"),
                service("Ship", "orders.ship")), Map.of());

        ProcessRun.Finished finished = new ProcessRun(engine.engine).neverDo("book_courier").untilEnd(id);

        assertCompleted(finished);
        assertThat(finished.activities()).contains("book_courier_deadline", "ship");
    }

    @Test
    void externalTasksReceiveTheStepNameAndTheirExpectedOutputs() throws Exception {
        String id = start(process("Orders", service("Check stock", "orders.check_stock", "in_stock", "eta_days")), Map.of());
        ProcessRun run = new ProcessRun(engine.engine).answer("check_stock", Map.of("in_stock", true, "eta_days", 2));

        assertCompleted(run.untilEnd(id));

        assertThat(run.lockedTasks).singleElement().satisfies(task -> {
            assertThat(task.getTopicName()).isEqualTo("orders.check_stock");
            assertThat(task.getVariables().getValue("step", String.class)).isEqualTo("Check stock");
            assertThat(task.getVariables().getValue("expected_outputs", String.class)).isEqualTo("in_stock:any,eta_days:any");
        });
        assertThat(engine.engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableName("in_stock").singleResult().getValue()).isEqualTo(true);
    }

    @Test
    void timerStartStartsAnInstanceWhenItsJobRuns() throws Exception {
        CompiledProcess compiled = compiler.compile(process("Nightly report", new Trigger(Trigger.Kind.TIMER, null,
                Timer.cycle("R/PT24H"), null), service("Make report", "reports.make")), metadata());
        String definitionId = engine.deploy(compiled);
        var job = engine.engine.getManagementService().createJobQuery().processDefinitionId(definitionId).timers().singleResult();

        engine.engine.getManagementService().executeJob(job.getId());

        var instance = engine.engine.getRuntimeService().createProcessInstanceQuery().processDefinitionId(definitionId).singleResult();
        assertCompleted(new ProcessRun(engine.engine).untilEnd(instance.getId()));
    }

    @Test
    void messageStartStartsAnInstanceOnItsMessage() throws Exception {
        CompiledProcess compiled = compiler.compile(process("Order intake", new Trigger(Trigger.Kind.MESSAGE, "Order placed",
                null, "order_placed"), service("Register order", "orders.register")), metadata());
        engine.deploy(compiled);

        String id = engine.engine.getRuntimeService().startProcessInstanceByMessage("order_placed").getId();

        assertCompleted(new ProcessRun(engine.engine).untilEnd(id));
    }

    @Test
    void nestedConstructsRunAlongEveryPath() throws Exception {
        ProcessDescription description = process("Batch check",
                until("All checked", Condition.isTrue("all_checked"),
                        service("Load batch", "batch.load", "big", "all_checked"),
                        parallel(branch("check", choice("Big batch", when("yes", Condition.isTrue("big"),
                                                service("Check thoroughly", "batch.check_deep")),
                                        otherwise("no", service("Check quickly", "batch.check_fast")))),
                                branch("log", service("Log batch", "batch.log")))),
                service("Summarise", "batch.summary", "clean"),
                choice("Clean", when("yes", Condition.isTrue("clean"),
                                until("Published", Condition.isTrue("published"), service("Publish", "batch.publish", "published"))),
                        otherwise("no", atMost(2, Condition.isTrue("fixed"),
                                withDeadline(user("Fix batch", "operator", bool("fixed")), "PT1H", service("Page operator", "ops.page", "fixed"))))));

        String clean = start(description, Map.of());
        ProcessRun.Finished first = new ProcessRun(engine.engine)
                .answer("load_batch", Map.of("big", true, "all_checked", false), Map.of("big", false, "all_checked", true))
                .answer("summarise", Map.of("clean", true))
                .answer("publish", Map.of("published", false), Map.of("published", true))
                .untilEnd(clean);
        assertCompleted(first);
        assertThat(first.count("check_thoroughly")).isEqualTo(1);
        assertThat(first.count("check_quickly")).isEqualTo(1);
        assertThat(first.count("log_batch")).isEqualTo(2);
        assertThat(first.count("publish")).isEqualTo(2);
        assertThat(first.activities()).doesNotContain("fix_batch");

        String dirty = start(description, Map.of());
        ProcessRun.Finished second = new ProcessRun(engine.engine)
                .answer("load_batch", Map.of("big", false, "all_checked", true))
                .answer("summarise", Map.of("clean", false))
                .neverDo("fix_batch")
                .answer("page_operator", Map.of("fixed", false))
                .untilEnd(dirty);
        assertCompleted(second);
        assertThat(second.count("page_operator")).isEqualTo(2);
        assertThat(second.activities()).doesNotContain("publish");
    }
}
