package procos.das.generation.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static procos.das.generation.compile.Descriptions.*;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import procos.das.generation.description.Condition;
import procos.das.generation.description.FormField;
import procos.das.generation.description.InvalidDescriptionException;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Trigger;
import procos.kernel.deploy.guard.DeploymentGuard;
import procos.kernel.deploy.guard.GuardFinding;
import procos.kernel.deploy.guard.GuardPolicy;
import procos.das.testing.ProcessRun;

/**
 * Text from outside (a model's output, a person's intent) in every place the compiler puts text:
 * either the model holds it as inert text, or the description is refused with the field named.
 * Never does it become an expression the engine evaluates.
 */
class HostileTextTest {

    /** The only expressions a compiled model may hold: one variable, one operator, one literal. */
    private static final Pattern CONDITION = Pattern.compile(
            "\\$\\{!?[a-z_][a-z0-9_]*( (==|!=|>|>=|<|<=) ('([^'\\\\]|\\\\['\\\\])*'|-?[0-9]+(\\.[0-9]+)?|true|false))?}");
    private static final String XML_METACHARACTERS = "Check <stock> & \"price\" 'now' ]]> <!-- x -->";

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

    @Test
    void xmlMetacharactersInNamesLabelsAndValuesAreKeptAsText() throws Exception {
        ProcessDescription description = process(XML_METACHARACTERS,
                user(XML_METACHARACTERS, "clerk", new FormField("choice", XML_METACHARACTERS, FormField.FieldType.ENUM,
                        List.of(XML_METACHARACTERS, "b"))),
                choice(XML_METACHARACTERS, when(XML_METACHARACTERS, Condition.equalTo("choice", XML_METACHARACTERS),
                        service(XML_METACHARACTERS, "orders.check")), otherwise("other")));

        CompiledProcess compiled = compiler.compile(description, metadata());
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(compiled.xml().getBytes(StandardCharsets.UTF_8)));

        assertThat(model.getModelElementsByType(UserTask.class)).singleElement().extracting(UserTask::getName)
                .isEqualTo(XML_METACHARACTERS);
        assertThat(model.getModelElementsByType(ServiceTask.class)).singleElement().extracting(ServiceTask::getName)
                .isEqualTo(XML_METACHARACTERS);
        assertThat(model.getModelElementsByType(CamundaValue.class)).extracting(CamundaValue::getCamundaId)
                .containsExactly(XML_METACHARACTERS, "b");
        assertThat(model.getModelElementsByType(SequenceFlow.class)).filteredOn(f -> f.getConditionExpression() != null)
                .singleElement().satisfies(flow -> {
                    assertThat(flow.getName()).isEqualTo(XML_METACHARACTERS);
                    assertThat(flow.getConditionExpression().getTextContent())
                            .isEqualTo("${choice == 'Check <stock> & \"price\" \\'now\\' ]]> <!-- x -->'}");
                });
        assertOnlyConditionsAreExpressions(compiled.xml());
        assertPassesTheDeploymentGuard(compiled);
    }

    @Test
    void quotesAndBackslashesInALiteralCompareAsWrittenAtRunTime() throws Exception {
        String tricky = "it's \\' \"x\" \\";
        ProcessDescription description = process("Literal check", user("Answer", "clerk", text("answer")),
                choice("Matches", when("yes", Condition.equalTo("answer", tricky), service("Matched", "checks.matched")),
                        otherwise("no", service("Did not match", "checks.unmatched"))));
        CompiledProcess compiled = compiler.compile(description, metadata());
        String definitionId = engine.deploy(compiled);

        for (String answer : List.of(tricky, "it's", "\\")) {
            String id = engine.engine.getRuntimeService().startProcessInstanceById(definitionId).getId();
            ProcessRun.Finished finished = new ProcessRun(engine.engine).answer("answer", Map.of("answer", answer)).untilEnd(id);
            assertThat(finished.history().getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
            assertThat(finished.activities()).contains(answer.equals(tricky) ? "matched" : "did_not_match");
        }
    }

    @Test
    void expressionMarkersAnywhereAreRefusedWithTheFieldNamed() {
        String[] markers = {"${execution.processEngine}", "#{runtimeService.deleteProcessInstance(x, y)}", "a${b}c"};
        for (String marker : markers) {
            assertProblem(process(marker, service("Ship", "orders.ship")), "$.name");
            assertProblem(process("Orders", service(marker, "orders.ship")), "$.steps[0].name");
            assertProblem(process("Orders", user("Review", "clerk", new FormField("ok", marker, FormField.FieldType.BOOLEAN, List.of()))),
                    "$.steps[0].form[0].label");
            assertProblem(process("Orders", user("Review", "clerk", options("pick", marker, "b"))), "$.steps[0].form[0].values[0]");
            assertProblem(process("Orders", service("Check", "orders.check", "ok"),
                    choice(marker, when("yes", Condition.isTrue("ok")), otherwise("no"))), "$.steps[1].question");
            assertProblem(process("Orders", service("Check", "orders.check", "ok"),
                    choice("Ok", when(marker, Condition.isTrue("ok")), otherwise("no"))), "$.steps[1].branches[0].label");
            assertProblem(process("Orders", service("Check", "orders.check", "state"),
                    choice("Ok", when("yes", Condition.equalTo("state", marker)), otherwise("no"))), "$.steps[1].branches[0].condition.value");
            assertProblem(process("Orders", message(null, marker)), "$.steps[0].message");
            assertProblem(process("Orders", new Trigger(Trigger.Kind.MESSAGE, null, null, marker), service("Ship", "orders.ship")),
                    "$.trigger.message");
            assertProblem(process("Orders", new Trigger(Trigger.Kind.NONE, marker, null, null), service("Ship", "orders.ship")),
                    "$.trigger.name");
            assertProblem(process("Orders", user("Review", marker)), "$.steps[0].role");
            assertProblem(process("Orders", service("Ship", marker)), "$.steps[0].taskType");
            assertProblem(process("Orders", service("Check", "orders.check", marker)), "$.steps[0].outputs[0]");
        }
    }

    @Test
    void lineBreaksAndHugeTextAreRefused() {
        assertProblem(process("Orders", service("Ship\nnow", "orders.ship")), "$.steps[0].name");
        assertProblem(process("Orders", service("Ship\u2028now", "orders.ship")), "$.steps[0].name");
        assertProblem(process("Orders", service("x".repeat(10_000), "orders.ship")), "$.steps[0].name");
        assertProblem(process("y".repeat(10_000), service("Ship", "orders.ship")), "$.name");
    }

    @Test
    void intentAndAuthorAreStoredAsInertSingleLineText() throws Exception {
        String intent = "Ship orders ${execution.getProcessEngine().getRuntimeService()}\n#{x}\r\n" + "z".repeat(10_000);
        CompiledProcess compiled = compiler.compile(process("Orders", service("Ship", "orders.ship")),
                new ProcessMetadata(null, 1, intent, "${d}", "#{who}\nelse"));

        List<CamundaProperty> properties = List.copyOf(compiled.model().getModelElementsByType(CamundaProperty.class));
        String storedIntent = value(properties, "procos.intent");
        assertThat(storedIntent).startsWith("Ship orders $ {execution.getProcessEngine().getRuntimeService()} # {x} zzz")
                .hasSize(DescriptionCompiler.MAX_INTENT_LENGTH).endsWith("…");
        assertThat(value(properties, "procos.domain")).isEqualTo("$ {d}");
        assertThat(value(properties, "procos.created_by")).isEqualTo("# {who} else");
        assertOnlyConditionsAreExpressions(compiled.xml());
        assertPassesTheDeploymentGuard(compiled);
    }

    @Test
    void everyConstructCompilesToAModelTheDeploymentGuardAccepts() throws Exception {
        CompiledProcess compiled = compiler.compile(process("Everything",
                service("Check stock", "orders.check_stock", "count", "state", "ok"),
                choice("Many", when("many", new Condition("count", Condition.Operator.GE, 10.5), service("Bulk", "orders.bulk")),
                        when("rejected", new Condition("state", Condition.Operator.NE, "x"), service("Refund", "orders.refund")),
                        otherwise("few")),
                parallel(branch("a", withDeadline(user("Approve", "manager", bool("approved")), "PT1H", service("Escalate", "x.y"))),
                        branch("b", waitFor("PT5M"), message(null, "reply"))),
                until("Ok", Condition.isTrue("ok"), service("Retry", "orders.retry", "ok")),
                atMost(3, Condition.isFalse("ok"), service("Again", "orders.again", "ok"))), metadata());

        assertOnlyConditionsAreExpressions(compiled.xml());
        assertPassesTheDeploymentGuard(compiled);
    }

    private void assertProblem(ProcessDescription description, String path) {
        assertThatThrownBy(() -> compiler.compile(description, metadata()))
                .as("%s", path)
                .isInstanceOf(InvalidDescriptionException.class)
                .satisfies(e -> assertThat(((InvalidDescriptionException) e).problems()).anyMatch(p -> p.startsWith(path + ": ")));
    }

    private static String value(List<CamundaProperty> properties, String name) {
        return properties.stream().filter(p -> p.getCamundaName().equals(name)).findFirst().orElseThrow().getCamundaValue();
    }

    /** Every ${ or #{ in the XML, in text or attribute, is a condition the compiler wrote, of the one allowed shape. */
    private static void assertOnlyConditionsAreExpressions(String xml) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
        List<String> expressions = new ArrayList<>();
        String element = null;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                element = reader.getLocalName();
                for (int i = 0; i < reader.getAttributeCount(); i++) {
                    assertThat(reader.getAttributeValue(i)).as("attribute %s of %s", reader.getAttributeLocalName(i), element)
                            .doesNotContain("${", "#{");
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                String text = reader.getText().trim();
                if (text.contains("${") || text.contains("#{")) {
                    assertThat(element).isIn("conditionExpression", "completionCondition");
                    expressions.add(text);
                }
            }
        }
        assertThat(expressions).allSatisfy(text -> assertThat(text).matches(CONDITION));
    }

    private static void assertPassesTheDeploymentGuard(CompiledProcess compiled) {
        List<GuardFinding> findings = new DeploymentGuard(GuardPolicy.defaults())
                .inspect(compiled.key() + ".bpmn", compiled.xml().getBytes(StandardCharsets.UTF_8));
        assertThat(findings).noneMatch(GuardFinding::refuses);
    }
}
