package procos.das.generation.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import procos.das.generation.description.PdeType;
import procos.das.generation.description.ProcessDescription;
import procos.das.generation.description.Task;
import procos.das.generation.description.Trigger;
import procos.das.validation.Finding;
import procos.kernel.config.InvalidSettingsException;
import procos.das.validation.ModelProperties;

class GenerationPolicyTest {

    private static final ProcessDescription ORDERS = new ProcessDescription("Order fulfilment", "orders", List.of("clerk"),
            Trigger.NONE, List.of(Task.service("Send mail", PdeType.INTEGRATION, "mail.send", List.of()),
                    Task.user("Review order", "clerk", List.of())));

    private static final Function<String, List<String>> NO_ENDPOINTS = taskType -> List.of();

    private static GenerationPolicy policy(Map<String, String> settings) throws InvalidSettingsException {
        return policy(settings, NO_ENDPOINTS);
    }

    private static GenerationPolicy policy(Map<String, String> settings, Function<String, List<String>> endpoints)
            throws InvalidSettingsException {
        return new GenerationPolicy(GovernanceSettings.from(key -> Optional.ofNullable(settings.get(key))), endpoints);
    }

    private static BpmnModelInstance orders() {
        return Bpmn.createExecutableProcess("order").name("Order fulfilment")
                .startEvent("start")
                .serviceTask("sendMail").name("Send mail").camundaExternalTask("mail.send")
                .userTask("review").name("Review order").camundaCandidateGroups("clerk")
                .camundaFormField().camundaId("approved").camundaLabel("Approved").camundaType("boolean").camundaFormFieldDone()
                .camundaFormField().camundaId("comment").camundaLabel("Comment").camundaType("string").camundaFormFieldDone()
                .endEvent("end")
                .done();
    }

    private static BpmnModelInstance withServiceTask(String topic) {
        return Bpmn.createExecutableProcess("order").name("Order fulfilment")
                .startEvent("start")
                .serviceTask("work").camundaExternalTask(topic)
                .endEvent("end")
                .done();
    }

    private static BpmnModelInstance parse(String xml) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void aProcessOfAllowedExternalTasksAndAssignedUserTasksWithFormsPasses() throws Exception {
        assertThat(policy(Map.of()).check(ORDERS, orders(), "orders")).isEmpty();
    }

    @Test
    void forbiddenTaskTypesAreRefusedByDefaultNamingTheElement() throws Exception {
        GenerationPolicy policy = policy(Map.of());

        for (String topic : List.of("files.delete", "jdbc.execute", "script.python", "Script.Run")) {
            List<Finding> findings = policy.check(ORDERS, withServiceTask(topic), "orders");

            assertThat(findings).singleElement().satisfies(finding -> {
                assertThat(finding.rule()).isEqualTo(GenerationPolicy.FORBIDDEN_TASK_TYPE);
                assertThat(finding.elementId()).isEqualTo("work");
                assertThat(finding.blocks()).isTrue();
                assertThat(finding.message()).contains(topic);
            });
        }
    }

    @Test
    void configuredForbiddenTypesReplaceTheDefaultsAndNoneAllowsAll() throws Exception {
        GenerationPolicy custom = policy(Map.of(GovernanceSettings.FORBIDDEN_TASK_TYPES, "mail.*"));
        GenerationPolicy none = policy(Map.of(GovernanceSettings.FORBIDDEN_TASK_TYPES, "none"));

        assertThat(rules(custom.check(ORDERS, orders(), "orders"))).containsExactly(GenerationPolicy.FORBIDDEN_TASK_TYPE);
        assertThat(custom.check(ORDERS, withServiceTask("files.delete"), "orders")).isEmpty();
        assertThat(none.check(ORDERS, withServiceTask("jdbc.execute"), "orders")).isEmpty();
    }

    @Test
    void scriptsInTheModelCountAsScriptTaskTypes() throws Exception {
        BpmnModelInstance model = Bpmn.createExecutableProcess("order").name("Order fulfilment")
                .startEvent("start")
                .scriptTask("compute").scriptFormat("groovy").scriptText("1 + 1")
                .endEvent("end")
                .done();

        List<Finding> findings = policy(Map.of()).check(ORDERS, model, "orders");

        assertThat(findings).extracting(Finding::rule, Finding::elementId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GenerationPolicy.FORBIDDEN_TASK_TYPE, "compute"));
        assertThat(findings.get(0).message()).contains("script.groovy");
    }

    @Test
    void aTopicInTheActivitiAliasNamespaceIsCheckedToo() throws Exception {
        String xml = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:activiti="http://activiti.org/bpmn"
                             targetNamespace="t">
                  <process id="order" name="Order fulfilment" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="wipe"/>
                    <serviceTask id="wipe" activiti:type="external" activiti:topic="files.delete"/>
                    <sequenceFlow id="f2" sourceRef="wipe" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """;

        assertThat(policy(Map.of()).check(ORDERS, parse(xml), "orders"))
                .extracting(Finding::rule, Finding::elementId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GenerationPolicy.FORBIDDEN_TASK_TYPE, "wipe"));
    }

    @Test
    void aTopicComputedAtRunTimeIsRefused() throws Exception {
        assertThat(policy(Map.of()).check(ORDERS, withServiceTask("${chosenType}"), "orders"))
                .extracting(Finding::rule, Finding::elementId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GenerationPolicy.DYNAMIC_TASK_TYPE, "work"));
    }

    @Test
    void aTaskRoutedToAForbiddenEndpointIsRefused() throws Exception {
        Map<String, List<String>> serving = new HashMap<>();
        serving.put("ops.restart", List.of("ops-safe", "ops-root-shell"));
        GenerationPolicy policy = policy(Map.of(GovernanceSettings.FORBIDDEN_ENDPOINTS, "ops-root-shell"),
                taskType -> serving.getOrDefault(taskType, List.of()));

        List<Finding> findings = policy.check(ORDERS, withServiceTask("ops.restart"), "orders");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(GenerationPolicy.FORBIDDEN_ENDPOINT);
            assertThat(finding.elementId()).isEqualTo("work");
            assertThat(finding.message()).contains("ops-root-shell").doesNotContain("ops-safe'");
        });
        assertThat(policy.check(ORDERS, withServiceTask("mail.send"), "orders")).isEmpty();
    }

    @Test
    void codeRunInsideTheEngineIsRefusedWhereverItIs() throws Exception {
        BpmnModelInstance model = Bpmn.createExecutableProcess("order").name("Order fulfilment")
                .startEvent("start")
                .serviceTask("javaTask").camundaClass("com.example.Wipe")
                .serviceTask("shellTask").camundaExternalTask("mail.send")
                .userTask("review").camundaCandidateGroups("clerk")
                .camundaExecutionListenerDelegateExpression("start", "${wiper}")
                .endEvent("end")
                .done();
        // An edited model: the service type changed from external to shell (operating-system commands).
        model.getModelElementById("shellTask").setAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "type", "shell");

        List<Finding> findings = policy(Map.of()).check(ORDERS, model, "orders");

        assertThat(findings).extracting(Finding::rule).containsOnly(GenerationPolicy.IN_ENGINE_CODE);
        assertThat(findings).extracting(Finding::elementId).containsExactlyInAnyOrder("javaTask", "shellTask", "review");
    }

    @Test
    void callingAnotherProcessIsRefused() throws Exception {
        BpmnModelInstance model = Bpmn.createExecutableProcess("order").name("Order fulfilment")
                .startEvent("start")
                .callActivity("callPayroll").calledElement("payroll")
                .endEvent("end")
                .done();

        assertThat(policy(Map.of()).check(ORDERS, model, "orders"))
                .extracting(Finding::rule, Finding::elementId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GenerationPolicy.CALL_ACTIVITY, "callPayroll"));
    }

    @Test
    void aUserTaskWithoutCandidateGroupsIsRefused() throws Exception {
        BpmnModelInstance model = Bpmn.createExecutableProcess("order").name("Order fulfilment")
                .startEvent("start")
                .userTask("review").camundaAssignee("someone")
                .endEvent("end")
                .done();

        assertThat(policy(Map.of()).check(ORDERS, model, "orders"))
                .extracting(Finding::rule, Finding::elementId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GenerationPolicy.USER_TASK_WITHOUT_CANDIDATES, "review"));
    }

    @Test
    void namesMustMatchTheConfiguredPatternAndMustNotBeMissing() throws Exception {
        GenerationPolicy policy = policy(Map.of(GovernanceSettings.NAME_PATTERN, "[A-Z][A-Za-z ]+"));
        BpmnModelInstance lowerCase = orders();
        lowerCase.<Process>getModelElementById("order").setName("order fulfilment");
        BpmnModelInstance unnamed = orders();
        unnamed.<Process>getModelElementById("order").setName(null);

        assertThat(policy.check(ORDERS, orders(), "orders")).isEmpty();
        assertThat(policy.check(ORDERS, lowerCase, "orders")).extracting(Finding::rule, Finding::elementId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GenerationPolicy.NAME, "order"));
        assertThat(policy.check(ORDERS, unnamed, "orders")).extracting(Finding::rule, Finding::elementId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GenerationPolicy.NAME, "order"));
    }

    @Test
    void aModelLargerThanTheStepLimitIsRefusedEvenWhenItsDescriptionIsSmall() throws Exception {
        GenerationPolicy policy = policy(Map.of(GovernanceSettings.MAX_STEPS, "2"));
        BpmnModelInstance threeActivities = Bpmn.createExecutableProcess("order").name("Order fulfilment")
                .startEvent("start")
                .serviceTask("a").camundaExternalTask("mail.send")
                .serviceTask("b").camundaExternalTask("mail.send")
                .userTask("c").camundaCandidateGroups("clerk")
                .endEvent("end")
                .done();

        assertThat(policy.check(ORDERS, orders(), "orders")).isEmpty();
        assertThat(policy.check(ORDERS, threeActivities, "orders")).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(GenerationPolicy.MAX_STEPS);
            assertThat(finding.message()).contains("3 activities").contains("at most 2");
        });
    }

    @Test
    void aModelClaimingAnotherDomainThanItWasGeneratedForIsRefused() throws Exception {
        BpmnModelInstance model = orders();
        ModelProperties.set(model.getModelElementById("order"), ModelProperties.DOMAIN, "hr");

        List<Finding> findings = policy(Map.of()).check(ORDERS, model, "orders");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(GenerationPolicy.DOMAIN_MISMATCH);
            assertThat(finding.message()).contains("'orders'").contains("'hr'");
        });
    }

    @Test
    void approvalIsRequiredUnlessAutoApproveIsOnAndTheDomainIsOutsideTheApprovalDomains() throws Exception {
        GenerationPolicy strict = policy(Map.of());
        GenerationPolicy auto = policy(Map.of(GovernanceSettings.AUTO_APPROVE, "true"));

        assertThat(strict.approvalRequired("orders")).isTrue();
        assertThat(auto.approvalRequired("orders")).isFalse();
        assertThat(auto.approvalRequired(" Finance ")).isTrue();
        assertThat(auto.approvalRequired("healthcare")).isTrue();
        assertThat(auto.approvalRequired("")).isTrue();
        assertThat(auto.approvalRequired(null)).isTrue();
    }
}
