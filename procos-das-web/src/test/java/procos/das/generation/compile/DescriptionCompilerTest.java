package procos.das.generation.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static procos.das.generation.compile.Descriptions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;
import procos.das.generation.description.Condition;
import procos.das.generation.description.FormField;
import procos.das.generation.description.InvalidDescriptionException;
import procos.das.generation.description.PdeType;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Task;
import procos.das.generation.description.Timer;
import procos.das.generation.description.Trigger;

/** The structure of compiled models, read back from their XML as a deployment would read them. */
class DescriptionCompilerTest {

    private final DescriptionCompiler compiler = new DescriptionCompiler();

    /** Compiles and reads the XML back: what is asserted is what gets deployed. */
    private BpmnModelInstance compile(ProcessDescription description) throws InvalidDescriptionException {
        CompiledProcess compiled = compiler.compile(description, metadata());
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(compiled.xml().getBytes(StandardCharsets.UTF_8)));
        Bpmn.validateModel(model);
        return model;
    }

    private static ProcessDescription everyConstruct() {
        return process("Order fulfilment",
                service("Check stock", "orders.check_stock", "items_available"),
                choice("Items available", when("yes", Condition.isTrue("items_available"),
                                parallel(branch("ship", service("Ship items", "orders.ship")),
                                        branch("bill", service("Send invoice", "billing.invoice")),
                                        branch("nothing else"))),
                        otherwise("no", withDeadline(user("Notify customer", "clerk", bool("notified")), "PT4H",
                                service("Escalate", "orders.escalate")))),
                until("Correct", Condition.isTrue("ok"), user("Review order", "manager", bool("ok"))),
                atMost(3, Condition.equalTo("status", "done"), service("Call supplier", "supplier.call", "status"),
                        waitFor("P2D")),
                message(null, "customer_reply"));
    }

    private static <T extends org.camunda.bpm.model.xml.instance.ModelElementInstance> Collection<T> all(
            BpmnModelInstance model, Class<T> type) {
        return model.getModelElementsByType(type);
    }

    @Test
    void compiledModelIsValidBpmnThatReadsBack() throws Exception {
        CompiledProcess compiled = compiler.compile(everyConstruct(), metadata());

        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(compiled.xml().getBytes(StandardCharsets.UTF_8)));
        Bpmn.validateModel(model);

        assertThat(compiled.key()).isEqualTo("order_fulfilment");
        assertThat(model.<Process>getModelElementById("order_fulfilment").isExecutable()).isTrue();
    }

    @Test
    void processCarriesHistoryTimeToLiveAndProcosProperties() throws Exception {
        CompiledProcess compiled = compiler.compile(process("Order fulfilment", service("Ship items", "orders.ship")),
                new ProcessMetadata(null, 3, "Ship what was ordered", "sales", "alice"));

        Process process = compiled.model().getModelElementById("order_fulfilment");
        assertThat(process.getName()).isEqualTo("Order fulfilment");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("30");
        assertThat(properties(process)).containsExactly(Map.entry("procos.kind", "generated"),
                Map.entry("procos.version", "3"), Map.entry("procos.intent", "Ship what was ordered"),
                Map.entry("procos.domain", "sales"), Map.entry("procos.created_by", "alice"));
    }

    @Test
    void domainComesFromTheDescriptionWhenTheMetadataHasNone() throws Exception {
        CompiledProcess compiled = compiler.compile(process("Order fulfilment", service("Ship items", "orders.ship")),
                new ProcessMetadata(null, 1, "x", null, "alice"));

        assertThat(properties(compiled.model().getModelElementById("order_fulfilment"))).containsEntry("procos.domain", "orders");
    }

    @Test
    void keyIsTheNameInSnakeCaseOrTheGivenKey() throws Exception {
        ProcessDescription description = process("Hire a New Employee (EU)", service("Ship items", "orders.ship"));

        assertThat(compiler.compile(description, metadata()).key()).isEqualTo("hire_a_new_employee_eu");
        assertThat(compiler.compile(description, new ProcessMetadata("hiring_v2", 1, "x", null, "a")).key()).isEqualTo("hiring_v2");
        String longName = "Approve " + "very ".repeat(18) + "large purchases";
        String key = compiler.compile(process(longName, service("Ship items", "orders.ship")), metadata()).key();
        assertThat(key).hasSizeLessThanOrEqualTo(64).matches("[a-z_][a-z0-9_]*").doesNotEndWith("_");
    }

    @Test
    void givenKeyThatIsNoNcNameIsAProblem() {
        assertThatThrownBy(() -> compiler.compile(process("Orders", service("Ship items", "orders.ship")),
                new ProcessMetadata("1 bad key", 1, "x", null, "a")))
                .isInstanceOf(InvalidDescriptionException.class)
                .hasMessageContaining("metadata.key: '1 bad key' is not a process key");
    }

    @Test
    void serviceStepIsAnExternalTaskWithTopicPropertiesAndPlainInputs() throws Exception {
        BpmnModelInstance model = compile(process("Orders",
                Task.service("Check stock", PdeType.INTEGRATION, "orders.check_stock", List.of("in_stock", "eta_days"))));

        ServiceTask task = model.getModelElementById("check_stock");
        assertThat(task.getCamundaType()).isEqualTo("external");
        assertThat(task.getCamundaTopic()).isEqualTo("orders.check_stock");
        assertThat(task.getCamundaClass()).isNull();
        assertThat(task.getCamundaExpression()).isNull();
        assertThat(task.getCamundaDelegateExpression()).isNull();
        assertThat(properties(task)).containsExactly(Map.entry("procos.pde_type", "integration"),
                Map.entry("procos.task_type", "orders.check_stock"));
        assertThat(inputs(task)).containsExactly(Map.entry("step", "Check stock"),
                Map.entry("expected_outputs", "in_stock:any,eta_days:any"));
    }

    @Test
    void serviceStepWithoutOutputsDeclaresNoExpectedOutputs() throws Exception {
        BpmnModelInstance model = compile(process("Orders", service("Ship items", "orders.ship")));

        assertThat(inputs(model.getModelElementById("ship_items"))).containsOnlyKeys("step");
    }

    @Test
    void userStepHasItsRoleAndAFormFieldPerField() throws Exception {
        BpmnModelInstance model = compile(process("Orders", user("Approve order", "approver", bool("approved"),
                number("amount"), text("comment"), new FormField("due", "Due on", FormField.FieldType.DATE, List.of()),
                options("decision", "accept", "reject"))));

        UserTask task = model.getModelElementById("approve_order");
        assertThat(task.getCamundaCandidateGroups()).isEqualTo("approver");
        List<CamundaFormField> fields = List.copyOf(all(model, CamundaFormField.class));
        assertThat(fields).extracting(CamundaFormField::getCamundaId).containsExactly("approved", "amount", "comment", "due", "decision");
        assertThat(fields).extracting(CamundaFormField::getCamundaType).containsExactly("boolean", "long", "string", "date", "enum");
        assertThat(fields).extracting(CamundaFormField::getCamundaLabel).containsExactly("Approved", "Amount", "Comment", "Due on", "Decision");
        assertThat(fields.get(4).getCamundaValues()).extracting(CamundaValue::getCamundaId).containsExactly("accept", "reject");
    }

    @Test
    void choiceIsAnExclusiveSplitWithConditionsAndADefaultJoinedByAMerge() throws Exception {
        BpmnModelInstance model = compile(process("Orders",
                service("Check stock", "orders.check_stock", "count", "state"),
                choice("How many in stock", when("many", new Condition("count", Condition.Operator.GT, 1000),
                                service("Ship in bulk", "orders.ship_bulk")),
                        when("rejected", Condition.equalTo("state", "rejected"), service("Refund", "orders.refund")),
                        when("not many", new Condition("count", Condition.Operator.LE, 10), service("Ship few", "orders.ship_few")),
                        otherwise("other", service("Ship", "orders.ship")))));

        ExclusiveGateway split = model.getModelElementById("how_many_in_stock");
        assertThat(split.getName()).isEqualTo("How many in stock?");
        assertThat(split.getOutgoing()).hasSize(4);
        assertThat(split.getDefault().getName()).isEqualTo("other");
        assertThat(split.getDefault().getConditionExpression()).isNull();
        assertThat(split.getOutgoing().stream().filter(f -> f.getConditionExpression() != null)
                .collect(Collectors.toMap(SequenceFlow::getName, f -> f.getConditionExpression().getTextContent())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("many", "${count > 1000}", "rejected", "${state == 'rejected'}",
                        "not many", "${count <= 10}"));
        ExclusiveGateway join = model.getModelElementById("how_many_in_stock_join");
        assertThat(join.getIncoming()).hasSize(4);
        assertThat(join.getName()).isNull();
        assertThat(all(model, ExclusiveGateway.class)).hasSize(2);
    }

    @Test
    void emptyBranchIsAFlowStraightFromSplitToJoin() throws Exception {
        BpmnModelInstance model = compile(process("Orders", service("Check stock", "orders.check_stock", "ok"),
                choice("Stock ok", when("yes", Condition.isTrue("ok")), otherwise("no", service("Reorder", "orders.reorder")))));

        SequenceFlow yes = model.<ExclusiveGateway>getModelElementById("stock_ok").getOutgoing().stream()
                .filter(f -> "yes".equals(f.getName())).findFirst().orElseThrow();
        assertThat(yes.getTarget().getId()).isEqualTo("stock_ok_join");
        assertThat(yes.getConditionExpression().getTextContent()).isEqualTo("${ok}");
    }

    @Test
    void parallelIsAParallelSplitAndJoinWithoutConditions() throws Exception {
        BpmnModelInstance model = compile(process("Orders", parallel(branch("ship", service("Ship", "orders.ship")),
                branch("bill", service("Bill", "orders.bill")), branch("log"))));

        Collection<ParallelGateway> gateways = all(model, ParallelGateway.class);
        assertThat(gateways).hasSize(2);
        ParallelGateway split = model.getModelElementById("parallel");
        assertThat(split.getOutgoing()).hasSize(3).allSatisfy(f -> assertThat(f.getConditionExpression()).isNull());
        assertThat(split.getOutgoing()).extracting(SequenceFlow::getName).containsExactly("ship", "bill", "log");
        assertThat(model.<ParallelGateway>getModelElementById("parallel_join").getIncoming()).hasSize(3);
    }

    @Test
    void loopWithUntilChecksAfterItsBodyAndGoesBackByDefault() throws Exception {
        BpmnModelInstance model = compile(process("Orders",
                until("Order correct", Condition.isTrue("correct"), user("Review order", "clerk", bool("correct")))));

        ExclusiveGateway check = model.getModelElementById("order_correct");
        ExclusiveGateway merge = model.getModelElementById("order_correct_again");
        assertThat(check.getName()).isEqualTo("Order correct?");
        assertThat(check.getDefault().getTarget()).isEqualTo(merge);
        assertThat(check.getDefault().getName()).isEqualTo("no");
        SequenceFlow exit = check.getOutgoing().stream().filter(f -> f != check.getDefault()).findFirst().orElseThrow();
        assertThat(exit.getConditionExpression().getTextContent()).isEqualTo("${correct}");
        assertThat(exit.getName()).isEqualTo("yes");
        assertThat(exit.getTarget()).isInstanceOf(EndEvent.class);
        assertThat(merge.getIncoming()).hasSize(2);
        assertThat(merge.getOutgoing()).singleElement().extracting(SequenceFlow::getTarget).extracting(BaseElement::getId)
                .isEqualTo("review_order");
    }

    @Test
    void loopWithoutQuestionAsksDone() throws Exception {
        BpmnModelInstance model = compile(process("Orders",
                new procos.das.generation.description.Loop(null, List.of(user("Review order", "clerk", bool("correct"))),
                        Condition.isTrue("correct"), null)));

        assertThat(model.<ExclusiveGateway>getModelElementById("done").getName()).isEqualTo("Done?");
    }

    @Test
    void loopWithMaxIterationsIsASequentialMultiInstanceSubprocessNamedAfterItsBody() throws Exception {
        BpmnModelInstance model = compile(process("Orders",
                atMost(3, Condition.equalTo("status", "confirmed"), service("Call supplier", "supplier.call", "status")),
                atMost(2, null, service("Send reminder", "mail.send"))));

        SubProcess first = model.getModelElementById("repeat_call_supplier");
        assertThat(first.getName()).isEqualTo("Call supplier");
        MultiInstanceLoopCharacteristics rounds = (MultiInstanceLoopCharacteristics) first.getLoopCharacteristics();
        assertThat(rounds.isSequential()).isTrue();
        assertThat(rounds.getLoopCardinality().getTextContent()).isEqualTo("3");
        assertThat(rounds.getCompletionCondition().getTextContent()).isEqualTo("${status == 'confirmed'}");
        assertThat(first.getChildElementsByType(FlowNode.class)).extracting(BaseElement::getId)
                .containsExactlyInAnyOrder("repeat_call_supplier_start", "call_supplier", "repeat_call_supplier_end");
        MultiInstanceLoopCharacteristics second = (MultiInstanceLoopCharacteristics)
                model.<SubProcess>getModelElementById("repeat_send_reminder").getLoopCharacteristics();
        assertThat(second.getLoopCardinality().getTextContent()).isEqualTo("2");
        assertThat(second.getCompletionCondition()).isNull();
    }

    @Test
    void waitsAreTimerAndMessageCatchEventsNamedAsStates() throws Exception {
        BpmnModelInstance model = compile(process("Orders", waitFor("P2D"),
                new procos.das.generation.description.Wait("Cycle reached", Timer.cycle("R3/PT1H")),
                new procos.das.generation.description.Wait(null, new Timer(Timer.Kind.DATE, "2030-01-31T09:00:00Z")),
                message(null, "customer_reply")));

        List<IntermediateCatchEvent> events = List.copyOf(all(model, IntermediateCatchEvent.class));
        assertThat(events).extracting(IntermediateCatchEvent::getName)
                .containsExactly("2 days passed", "Cycle reached", "Date reached", "Customer reply received");
        TimerEventDefinition duration = (TimerEventDefinition) events.get(0).getEventDefinitions().iterator().next();
        assertThat(duration.getTimeDuration().getTextContent()).isEqualTo("P2D");
        TimerEventDefinition cycle = (TimerEventDefinition) events.get(1).getEventDefinitions().iterator().next();
        assertThat(cycle.getTimeCycle().getTextContent()).isEqualTo("R3/PT1H");
        TimerEventDefinition date = (TimerEventDefinition) events.get(2).getEventDefinitions().iterator().next();
        assertThat(date.getTimeDate().getTextContent()).isEqualTo("2030-01-31T09:00:00Z");
        MessageEventDefinition message = (MessageEventDefinition) events.get(3).getEventDefinitions().iterator().next();
        assertThat(message.getMessage().getName()).isEqualTo("customer_reply");
        assertThat(all(model, Message.class)).singleElement().extracting(Message::getName).isEqualTo("customer_reply");
    }

    @Test
    void deadlineIsAnInterruptingBoundaryTimerWhoseEscalationMeetsTheTaskAfterIt() throws Exception {
        BpmnModelInstance model = compile(process("Orders",
                withDeadline(user("Approve order", "manager", bool("approved")), "PT4H", service("Escalate", "orders.escalate")),
                withDeadline(service("Ship", "orders.ship"), "P1DT2H")));

        List<BoundaryEvent> timers = List.copyOf(all(model, BoundaryEvent.class));
        assertThat(timers).hasSize(2).allSatisfy(timer -> assertThat(timer.cancelActivity()).isTrue());
        assertThat(timers).extracting(BoundaryEvent::getName).containsExactly("4 hours passed", "1 day 2 hours passed");
        assertThat(timers.get(0).getAttachedTo().getId()).isEqualTo("approve_order");
        TimerEventDefinition timer = (TimerEventDefinition) timers.get(0).getEventDefinitions().iterator().next();
        assertThat(timer.getTimeDuration().getTextContent()).isEqualTo("PT4H");
        assertThat(timers.get(0).getOutgoing()).singleElement().extracting(f -> f.getTarget().getId()).isEqualTo("escalate");
        ExclusiveGateway merge = model.getModelElementById("approve_order_done");
        assertThat(merge.getIncoming()).extracting(f -> f.getSource().getId()).containsExactlyInAnyOrder("approve_order", "escalate");
        // Without escalation steps the timer's flow goes straight to the merge.
        assertThat(timers.get(1).getOutgoing()).singleElement().extracting(f -> f.getTarget().getId()).isEqualTo("ship_done");
    }

    @Test
    void triggersMakeNoneTimerOrMessageStartEvents() throws Exception {
        StartEvent plain = all(compile(process("Orders", service("Ship", "orders.ship"))), StartEvent.class).iterator().next();
        assertThat(plain.getName()).isEqualTo("Process started");
        assertThat(plain.getEventDefinitions()).isEmpty();

        StartEvent timed = all(compile(process("Nightly report", new Trigger(Trigger.Kind.TIMER, "Night came",
                Timer.cycle("0 0 2 * * ?"), null), service("Report", "reports.make"))), StartEvent.class).iterator().next();
        assertThat(timed.getName()).isEqualTo("Night came");
        assertThat(((TimerEventDefinition) timed.getEventDefinitions().iterator().next()).getTimeCycle().getTextContent())
                .isEqualTo("0 0 2 * * ?");

        StartEvent messaged = all(compile(process("Orders", new Trigger(Trigger.Kind.MESSAGE, null, null, "order_placed"),
                service("Ship", "orders.ship"))), StartEvent.class).iterator().next();
        assertThat(messaged.getName()).isEqualTo("Order placed received");
        assertThat(((MessageEventDefinition) messaged.getEventDefinitions().iterator().next()).getMessage().getName())
                .isEqualTo("order_placed");
    }

    @Test
    void idsAreReadableUniqueNcNamesAndNamesFollowConventions() throws Exception {
        BpmnModelInstance model = compile(process("Orders", service("check   stock", "orders.check"),
                service("Check stock", "orders.check"), service("Prüfe Bestand", "orders.check"),
                service("检查库存", "orders.check"), service("2nd try", "orders.check")));

        assertThat(all(model, ServiceTask.class)).extracting(BaseElement::getId)
                .containsExactly("check_stock", "check_stock_2", "prufe_bestand", "task", "task_2nd_try");
        assertThat(all(model, ServiceTask.class)).extracting(ServiceTask::getName)
                .containsExactly("Check stock", "Check stock", "Prüfe Bestand", "检查库存", "2nd try");
        List<String> ids = all(model, BaseElement.class).stream().map(BaseElement::getId).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[a-z_][a-z0-9_]*"));
    }

    @Test
    void theSameDescriptionAlwaysCompilesToTheSameXml() throws Exception {
        assertThat(compiler.compile(everyConstruct(), metadata()).xml()).isEqualTo(compiler.compile(everyConstruct(), metadata()).xml());
    }

    @Test
    void constructsNestInEachOther() throws Exception {
        // A choice in a parallel branch in a loop, a loop in a choice, a deadline in a counted loop.
        BpmnModelInstance model = compile(process("Nested",
                until("All checked", Condition.isTrue("all_checked"),
                        service("Load batch", "batch.load", "big", "all_checked"),
                        parallel(branch("check", choice("Big batch", when("yes", Condition.isTrue("big"),
                                        service("Check thoroughly", "batch.check_deep")),
                                        otherwise("no", service("Check quickly", "batch.check_fast")))),
                                branch("log", service("Log batch", "batch.log")))),
                service("Summarise", "batch.summary", "clean"),
                choice("Clean", when("yes", Condition.isTrue("clean"),
                                until("Published", Condition.isTrue("published"), service("Publish", "batch.publish", "published"))),
                        otherwise("no", atMost(2, null, withDeadline(user("Fix batch", "operator", bool("fixed")), "PT1H"))))));

        assertThat(all(model, ExclusiveGateway.class)).hasSize(9);
        assertThat(all(model, ParallelGateway.class)).hasSize(2);
        assertThat(all(model, ServiceTask.class)).hasSize(6);
        assertThat(all(model, UserTask.class)).hasSize(1);
        assertThat(all(model, SubProcess.class)).hasSize(1);
        assertThat(all(model, BoundaryEvent.class)).hasSize(1);
        assertThat(all(model, ConditionExpression.class)).hasSize(4);
        assertThat(all(model, ExclusiveGateway.class).stream().filter(g -> g.getDefault() != null)).hasSize(4);
        assertThat(all(model, EndEvent.class)).hasSize(2);
        assertDiagramComplete(model);
    }

    @Test
    void diagramHasAShapeForEveryNodeAndAnEdgeForEveryFlowThatTouchItsEnds() throws Exception {
        assertDiagramComplete(compile(everyConstruct()));
    }

    @Test
    void shapesDoNotOverlapExceptTimersOnTheirTaskAndContentInItsSubprocess() throws Exception {
        BpmnModelInstance model = compile(everyConstruct());

        List<BpmnShape> shapes = List.copyOf(all(model, BpmnShape.class));
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                BpmnShape a = shapes.get(i);
                BpmnShape b = shapes.get(j);
                if (mayOverlap(a, b) || mayOverlap(b, a)) {
                    continue;
                }
                assertThat(overlap(a.getBounds(), b.getBounds()))
                        .as("%s overlaps %s", a.getBpmnElement().getId(), b.getBpmnElement().getId()).isFalse();
            }
        }
    }

    @Test
    void invalidDescriptionIsRefusedWithItsProblems() {
        assertThatThrownBy(() -> compiler.compile(process("Orders", choice("Approved", when("yes", Condition.isTrue("approved")),
                otherwise("no"))), metadata()))
                .isInstanceOf(InvalidDescriptionException.class)
                .satisfies(e -> assertThat(((InvalidDescriptionException) e).problems())
                        .containsExactly("$.steps[0].branches[0].condition.variable: 'approved' is not set by any step before this choice"));
    }

    private static boolean mayOverlap(BpmnShape inner, BpmnShape outer) {
        BaseElement element = inner.getBpmnElement();
        if (element instanceof BoundaryEvent timer && timer.getAttachedTo() == outer.getBpmnElement()) {
            return true;
        }
        return outer.getBpmnElement() instanceof SubProcess sub && element.getParentElement() == sub
                && contains(outer.getBounds(), inner.getBounds());
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
                && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
    }

    private static boolean touches(Bounds bounds, Waypoint point) {
        return point.getX() >= bounds.getX() && point.getX() <= bounds.getX() + bounds.getWidth()
                && point.getY() >= bounds.getY() && point.getY() <= bounds.getY() + bounds.getHeight();
    }

    private static void assertDiagramComplete(BpmnModelInstance model) {
        Map<String, BpmnShape> shapes = all(model, BpmnShape.class).stream()
                .collect(Collectors.toMap(s -> s.getBpmnElement().getId(), s -> s));
        Map<String, BpmnEdge> edges = all(model, BpmnEdge.class).stream()
                .collect(Collectors.toMap(e -> e.getBpmnElement().getId(), e -> e));
        for (FlowNode node : all(model, FlowNode.class)) {
            assertThat(shapes).as("shape of %s", node.getId()).containsKey(node.getId());
            assertThat(shapes.get(node.getId()).getBounds().getWidth()).isPositive();
        }
        for (SequenceFlow flow : all(model, SequenceFlow.class)) {
            assertThat(edges).as("edge of %s", flow.getId()).containsKey(flow.getId());
            List<Waypoint> points = List.copyOf(edges.get(flow.getId()).getWaypoints());
            assertThat(points).as("waypoints of %s", flow.getId()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(touches(shapes.get(flow.getSource().getId()).getBounds(), points.get(0)))
                    .as("%s starts at %s", flow.getId(), flow.getSource().getId()).isTrue();
            assertThat(touches(shapes.get(flow.getTarget().getId()).getBounds(), points.get(points.size() - 1)))
                    .as("%s ends at %s", flow.getId(), flow.getTarget().getId()).isTrue();
            for (int i = 1; i < points.size(); i++) {
                Waypoint a = points.get(i - 1);
                Waypoint b = points.get(i);
                assertThat(a.getX().equals(b.getX()) || a.getY().equals(b.getY())).as("%s runs straight or at right angles", flow.getId()).isTrue();
            }
        }
    }

    private static Map<String, String> properties(BaseElement element) {
        return element.getExtensionElements().getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).singleResult()
                .getCamundaProperties().stream()
                .collect(Collectors.toMap(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue, (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    private static Map<String, String> inputs(BaseElement element) {
        return element.getExtensionElements().getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult()
                .getCamundaInputParameters().stream()
                .collect(Collectors.toMap(CamundaInputParameter::getCamundaName, CamundaInputParameter::getTextContent,
                        (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
