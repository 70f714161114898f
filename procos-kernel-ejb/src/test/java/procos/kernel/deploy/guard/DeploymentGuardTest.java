package procos.kernel.deploy.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static procos.kernel.deploy.guard.Models.EXPLOIT;
import static procos.kernel.deploy.guard.Models.bytes;
import static procos.kernel.deploy.guard.Models.process;
import static procos.kernel.deploy.guard.Models.xml;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import procos.kernel.deploy.guard.GuardFinding.Severity;

/** The guard over BPMN text: every place a model can carry code, and what it lets through. */
class DeploymentGuardTest {

    private static final String X = xml(EXPLOIT);

    private final DeploymentGuard guard = new DeploymentGuard(GuardPolicy.defaults());

    private List<GuardFinding> inspect(String document) {
        return guard.inspect("model.bpmn", bytes(document));
    }

    @Test
    void theReportedExploitIsRefusedNamingRuleAndElement() {
        List<GuardFinding> findings = inspect(process("exploit_process",
                "<bpmn:serviceTask id=\"exploit\" camunda:expression=\"" + X + "\"/>"));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(GuardRule.EXPRESSION);
            assertThat(finding.refuses()).isTrue();
            assertThat(finding.getMainElementId()).isEqualTo("exploit");
            assertThat(finding.getElementIds()).containsExactly("exploit");
            assertThat(finding.getLine()).isPositive();
            assertThat(finding.getMessage()).startsWith("expression: ").contains("getClass()").contains("string literal");
        });
    }

    static Stream<Arguments> refusedModels() {
        return Stream.of(
                refused("condition expression", condition("", X), GuardRule.EXPRESSION, "flow"),
                refused("execution listener expression", extensions("listened",
                        "<camunda:executionListener event=\"start\" expression=\"" + X + "\"/>"), GuardRule.EXPRESSION, "listened"),
                refused("execution listener delegateExpression", extensions("listened",
                        "<camunda:executionListener event=\"end\" delegateExpression=\"" + X + "\"/>"), GuardRule.EXPRESSION, "listened"),
                refused("task listener expression", "<bpmn:userTask id=\"approve\"><bpmn:extensionElements>"
                        + "<camunda:taskListener event=\"create\" expression=\"" + X + "\"/></bpmn:extensionElements></bpmn:userTask>",
                        GuardRule.EXPRESSION, "approve"),
                refused("task listener delegateExpression", "<bpmn:userTask id=\"approve\"><bpmn:extensionElements>"
                        + "<camunda:taskListener event=\"assignment\" delegateExpression=\"" + X + "\"/></bpmn:extensionElements></bpmn:userTask>",
                        GuardRule.EXPRESSION, "approve"),
                refused("input parameter", inputParameter(X), GuardRule.EXPRESSION, "mapped"),
                refused("output parameter", extensions("mapped", "<camunda:inputOutput><camunda:outputParameter name=\"p\">"
                        + X + "</camunda:outputParameter></camunda:inputOutput>"), GuardRule.EXPRESSION, "mapped"),
                refused("list value in an input parameter", inputParameter("<camunda:list><camunda:value>" + X + "</camunda:value></camunda:list>"),
                        GuardRule.EXPRESSION, "mapped"),
                refused("expression written with character references", inputParameter("&#36;&#123;myVar.foo()}"), GuardRule.EXPRESSION, "mapped"),
                refused("expression split by a comment", inputParameter("$<!-- -->{myVar.foo()}"), GuardRule.EXPRESSION, "mapped"),
                refused("expression in CDATA", inputParameter("<![CDATA[${myVar.foo()}]]>"), GuardRule.EXPRESSION, "mapped"),
                refused("field injection", extensions("injected", "<camunda:field name=\"f\"><camunda:expression>" + X
                        + "</camunda:expression></camunda:field>"), GuardRule.EXPRESSION, "injected"),
                refused("timer duration", timer("timeDuration"), GuardRule.EXPRESSION, "wait"),
                refused("timer date", timer("timeDate"), GuardRule.EXPRESSION, "wait"),
                refused("timer cycle", timer("timeCycle"), GuardRule.EXPRESSION, "wait"),
                refused("call activity calledElement", "<bpmn:callActivity id=\"call\" calledElement=\"" + X + "\"/>",
                        GuardRule.EXPRESSION, "call"),
                refused("call activity input variable", "<bpmn:callActivity id=\"call\" calledElement=\"child\"><bpmn:extensionElements>"
                        + "<camunda:in sourceExpression=\"" + X + "\" target=\"t\"/></bpmn:extensionElements></bpmn:callActivity>",
                        GuardRule.EXPRESSION, "call"),
                refused("multi-instance collection", "<bpmn:userTask id=\"each\"><bpmn:multiInstanceLoopCharacteristics camunda:collection=\""
                        + X + "\" camunda:elementVariable=\"item\"/></bpmn:userTask>", GuardRule.EXPRESSION, "each"),
                refused("multi-instance loop cardinality", "<bpmn:userTask id=\"each\"><bpmn:multiInstanceLoopCharacteristics>"
                        + "<bpmn:loopCardinality>" + X + "</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>",
                        GuardRule.EXPRESSION, "each"),
                refused("user task assignee", "<bpmn:userTask id=\"assigned\" camunda:assignee=\"" + X + "\"/>",
                        GuardRule.EXPRESSION, "assigned"),
                refused("external task topic", "<bpmn:serviceTask id=\"topic\" camunda:type=\"external\" camunda:topic=\"" + X + "\"/>",
                        GuardRule.EXPRESSION, "topic"),
                refused("user task name", "<bpmn:userTask id=\"named\" name=\"" + X + "\"/>", GuardRule.EXPRESSION, "named"),
                refused("multi-instance completion condition", "<bpmn:userTask id=\"each\"><bpmn:multiInstanceLoopCharacteristics>"
                        + "<bpmn:completionCondition>" + X + "</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>",
                        GuardRule.EXPRESSION, "each"),
                refused("delegateExpression with single quotes", "<bpmn:serviceTask id=\"delegated\" camunda:delegateExpression=\""
                        + xml("${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)}") + "\"/>",
                        GuardRule.EXPRESSION, "delegated"),
                refused("deferred #{} syntax", "<bpmn:serviceTask id=\"deferred\" camunda:expression=\""
                        + X.replace("${", "#{") + "\"/>", GuardRule.EXPRESSION, "deferred"),
                refused("property chain from execution to its class loader", expressionTask(
                        "${execution.class.classLoader.loadClass('java.lang.Runtime')}"), GuardRule.EXPRESSION, "evaluated"),
                refused("property chain from a string literal to its class", expressionTask(
                        "${\"\".class.forName(\"java.lang.Runtime\")}"), GuardRule.EXPRESSION, "evaluated"),
                refused("class read with brackets", expressionTask("${execution['class'].name}"), GuardRule.EXPRESSION, "evaluated"),
                refused("computed property name", expressionTask("${execution[name]}"), GuardRule.EXPRESSION, "evaluated"),
                refused("property chain into the engine", expressionTask("${execution.processEngineServices.runtimeService}"),
                        GuardRule.EXPRESSION, "evaluated"),
                refused("engine service by name", expressionTask("${runtimeService}"), GuardRule.EXPRESSION, "evaluated"),
                refused("method call on a variable", expressionTask("${myVar.foo()}"), GuardRule.EXPRESSION, "evaluated"),
                refused("write through execution", expressionTask("${execution.setVariable('a', 1)}"), GuardRule.EXPRESSION, "evaluated"),
                refused("getClass on a bean exposed to processes", expressionTask("${rootOrchestrator.getClass()}"),
                        GuardRule.EXPRESSION, "evaluated"),
                refused("call on the result of a bean call", expressionTask("${rootOrchestrator.knowledgeFolder().getBytes()}"),
                        GuardRule.EXPRESSION, "evaluated"),
                refused("function call", expressionTask("${fn:exec('id')}"), GuardRule.EXPRESSION, "evaluated"),
                refused("unparsable expression", expressionTask("${a.b(}"), GuardRule.EXPRESSION, "evaluated"),
                refused("camunda:class", "<bpmn:serviceTask id=\"delegate\" camunda:class=\"java.lang.Runtime\"/>",
                        GuardRule.JAVA_CLASS, "delegate"),
                refused("listener class", extensions("listened", "<camunda:executionListener event=\"start\" class=\"java.lang.Runtime\"/>"),
                        GuardRule.JAVA_CLASS, "listened"),
                refused("variable mapping class", "<bpmn:callActivity id=\"call\" calledElement=\"child\" camunda:variableMappingClass=\"com.evil.Mapping\"/>",
                        GuardRule.JAVA_CLASS, "call"),
                refused("form handler class", "<bpmn:startEvent id=\"start\" camunda:formHandlerClass=\"com.evil.Handler\"/>",
                        GuardRule.JAVA_CLASS, "start"),
                refused("class in the Activiti namespace the engine still reads", "<bpmn:serviceTask id=\"delegate\" activiti:class=\"java.lang.Runtime\"/>",
                        GuardRule.JAVA_CLASS, "delegate"),
                refused("form field validator class", "<bpmn:userTask id=\"form\"><bpmn:extensionElements><camunda:formData>"
                        + "<camunda:formField id=\"amount\" type=\"long\"><camunda:validation><camunda:constraint name=\"validator\" config=\"com.evil.Validator\"/>"
                        + "</camunda:validation></camunda:formField></camunda:formData></bpmn:extensionElements></bpmn:userTask>",
                        GuardRule.JAVA_CLASS, "amount"),
                refused("shell service task", "<bpmn:serviceTask id=\"shell\" camunda:type=\"shell\"><bpmn:extensionElements>"
                        + "<camunda:field name=\"command\" stringValue=\"touch\"/></bpmn:extensionElements></bpmn:serviceTask>",
                        GuardRule.SERVICE_TYPE, "shell"),
                refused("script task", "<bpmn:scriptTask id=\"scripted\" scriptFormat=\"javascript\"><bpmn:script>java.lang.Runtime.getRuntime()</bpmn:script></bpmn:scriptTask>",
                        GuardRule.SCRIPT, "scripted"),
                refused("script task from a resource", "<bpmn:scriptTask id=\"scripted\" scriptFormat=\"groovy\" camunda:resource=\"deployment://run.groovy\"/>",
                        GuardRule.SCRIPT, "scripted"),
                refused("script execution listener", extensions("listened", "<camunda:executionListener event=\"start\">"
                        + "<camunda:script scriptFormat=\"javascript\">java.lang.Runtime.getRuntime()</camunda:script></camunda:executionListener>"),
                        GuardRule.SCRIPT, "listened"),
                refused("script in an input parameter", inputParameter("<camunda:script scriptFormat=\"groovy\">'id'.execute()</camunda:script>"),
                        GuardRule.SCRIPT, "mapped"),
                refused("condition in juel", condition(" language=\"juel\"", X), GuardRule.SCRIPT, "flow"),
                refused("condition in groovy", condition(" language=\"groovy\"", "'id'.execute(); true"), GuardRule.SCRIPT, "flow"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedModels")
    void everyPlaceAModelCarriesCodeIsRefused(String place, String body, GuardRule rule, String elementId) {
        List<GuardFinding> findings = inspect(process("guarded", body));
        assertRefused(findings, rule, elementId);
    }

    @Test
    void engineServicesStayRefusedEvenWhenListedAsBeans() {
        DeploymentGuard allowingRuntimeService = new DeploymentGuard(new GuardPolicy(Set.of("runtimeService"), Set.of(), Set.of(), Set.of()));

        assertRefused(allowingRuntimeService.inspect("model.bpmn", bytes(process("engine",
                expressionTask("${runtimeService.startProcessInstanceByKey('other')}")))), GuardRule.EXPRESSION, "evaluated");
    }

    @Test
    void juelIsNeverAnAllowedScriptLanguage() {
        DeploymentGuard allowingJuel = new DeploymentGuard(new GuardPolicy(Set.of(), Set.of(), Set.of("juel"), Set.of()));

        assertRefused(allowingJuel.inspect("model.bpmn", bytes(process("juel", "<bpmn:scriptTask id=\"scripted\" scriptFormat=\"juel\">"
                + "<bpmn:script>" + X + "</bpmn:script></bpmn:scriptTask>"))), GuardRule.SCRIPT, "scripted");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${to_index > 0}", "${to_index == 0}", "${!found}", "${empty items or count lt 3}", "${a.b['c'][0] != null}",
            "${x ? 'yes' : 'no'}", "${execution.getVariable('x') == 'y'}", "${execution.hasVariable('mode')}",
            "${task.getVariableLocal('x')}", "${rootOrchestrator.knowledgeFolder() != ''}", "prefix ${x} suffix", "#{x + 1}"})
    void expressionsThatReadVariablesOrCallProcosBeansPass(String condition) {
        assertThat(inspect(process("reading", condition("", xml(condition))))).isEmpty();
    }

    @Test
    void procosBeanCalledWithTheExecutionPasses() {
        assertThat(inspect(process("root", "<bpmn:serviceTask id=\"heartbeat\" camunda:expression=\"${rootOrchestrator.heartbeat(execution)}\"/>")))
                .isEmpty();
    }

    @Test
    void whatAnOperatorAllowlistsPassesAndIsRecordedAsAWarning() {
        DeploymentGuard allowing = new DeploymentGuard(new GuardPolicy(Set.of("invoiceService"), Set.of("com.acme.Delegate"),
                Set.of("Groovy"), Set.of("now")));

        List<GuardFinding> findings = allowing.inspect("model.bpmn", bytes(process("allowed", """
                <bpmn:serviceTask id="bean" camunda:expression="${invoiceService.send(execution.getVariable('invoice'))}"/>
                <bpmn:serviceTask id="delegate" camunda:class="com.acme.Delegate"/>
                <bpmn:scriptTask id="script" scriptFormat="groovy"><bpmn:script>println 'hello'</bpmn:script></bpmn:scriptTask>
                <bpmn:userTask id="due" camunda:dueDate="${now()}"/>
                """)));

        assertThat(findings).noneMatch(GuardFinding::refuses);
        assertThat(findings).extracting(GuardFinding::rule, GuardFinding::severity, GuardFinding::elementId).containsExactly(
                tuple(GuardRule.JAVA_CLASS, Severity.WARNING, "delegate"),
                tuple(GuardRule.SCRIPT, Severity.WARNING, "script"));
    }

    @Test
    void documentationCommentsAndScriptBodiesOfAllowedLanguagesAreNotEvaluated() {
        DeploymentGuard allowingGroovy = new DeploymentGuard(new GuardPolicy(Set.of(), Set.of(), Set.of("groovy"), Set.of()));

        List<GuardFinding> findings = allowingGroovy.inspect("model.bpmn", bytes(process("quiet", """
                <bpmn:documentation>Never evaluated: ${"".getClass()}</bpmn:documentation>
                <!-- ${"".getClass()} -->
                <bpmn:scriptTask id="script" scriptFormat="groovy"><bpmn:script>println "${name}"</bpmn:script></bpmn:scriptTask>
                """)));

        assertThat(findings).noneMatch(GuardFinding::refuses);
    }

    @Test
    void doctypeWithAnExternalEntityIsRefusedWithoutReadingTheEntity() {
        List<GuardFinding> findings = inspect("""
                <?xml version="1.0"?>
                <!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <bpmn:process id="xxe" name="&secret;" isExecutable="true"/>
                </bpmn:definitions>
                """);

        assertOnlyFinding(findings, GuardRule.XML_DOCTYPE, 2);
        assertThat(findings.get(0).getMessage()).as("the entity was never read").doesNotContain("root:x");
    }

    @Test
    void billionLaughsIsRefusedAtItsDoctypeBeforeAnyExpansion() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        List<GuardFinding> findings = inspect("<?xml version=\"1.0\"?>\n<!DOCTYPE d [" + entities + "]>\n"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&lol9;</bpmn:definitions>");

        assertThat(findings).extracting(GuardFinding::rule).containsExactly(GuardRule.XML_DOCTYPE);
    }

    @Test
    void malformedXmlIsRefusedWithItsPosition() {
        List<GuardFinding> findings = inspect("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n"
                + "<bpmn:process id=\"cut\">\n<bpmn:task");

        assertOnlyFinding(findings, GuardRule.XML_MALFORMED, 3);
        assertThat(findings.get(0).getMessage()).startsWith("xml.malformed: ").doesNotContain("ParseError at");
    }

    @Test
    void dmnAndCmmnModelsAreRefusedAndOtherResourcesIgnored() {
        assertThat(guard.inspect("decide.dmn", bytes("<definitions/>"))).extracting(GuardFinding::rule)
                .containsExactly(GuardRule.MODEL_TYPE);
        assertThat(guard.inspect("case.cmmn11.xml", bytes("<definitions/>"))).extracting(GuardFinding::rule)
                .containsExactly(GuardRule.MODEL_TYPE);
        assertThat(guard.inspect("readme.txt", bytes("${\"\".getClass()}"))).isEmpty();
        assertThat(guard.inspect("MODEL.BPMN20.XML", bytes(process("upper", expressionTask("${myVar.foo()}")))))
                .as("suffixes are compared without case").isNotEmpty();
    }

    private static void assertRefused(List<GuardFinding> findings, GuardRule rule, String elementId) {
        assertThat(findings).filteredOn(GuardFinding::refuses).isNotEmpty().allSatisfy(finding -> {
            assertThat(finding.rule()).isEqualTo(rule);
            assertThat(finding.getMainElementId()).isEqualTo(elementId);
            assertThat(finding.getMessage()).startsWith(rule.id() + ": ");
        });
    }

    private static void assertOnlyFinding(List<GuardFinding> findings, GuardRule rule, int line) {
        assertThat(findings).extracting(GuardFinding::rule, GuardFinding::getLine).containsExactly(tuple(rule, line));
    }

    private static Arguments refused(String place, String body, GuardRule rule, String elementId) {
        return arguments(place, body, rule, elementId);
    }

    private static String extensions(String taskId, String extensions) {
        return "<bpmn:serviceTask id=\"" + taskId + "\" camunda:type=\"external\" camunda:topic=\"t\"><bpmn:extensionElements>"
                + extensions + "</bpmn:extensionElements></bpmn:serviceTask>";
    }

    private static String inputParameter(String content) {
        return extensions("mapped", "<camunda:inputOutput><camunda:inputParameter name=\"p\">" + content
                + "</camunda:inputParameter></camunda:inputOutput>");
    }

    /** A sequence flow {@code flow} whose condition has {@code attributes} and {@code text}. */
    private static String condition(String attributes, String text) {
        return "<bpmn:sequenceFlow id=\"flow\" sourceRef=\"a\" targetRef=\"b\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\""
                + attributes + ">" + text + "</bpmn:conditionExpression></bpmn:sequenceFlow>";
    }

    private static String timer(String kind) {
        return "<bpmn:intermediateCatchEvent id=\"wait\"><bpmn:timerEventDefinition><bpmn:" + kind + ">" + X + "</bpmn:" + kind
                + "></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>";
    }

    private static String expressionTask(String expression) {
        return "<bpmn:serviceTask id=\"evaluated\" camunda:expression=\"" + xml(expression) + "\"/>";
    }
}
