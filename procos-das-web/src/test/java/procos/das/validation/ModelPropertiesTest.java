package procos.das.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

class ModelPropertiesTest {

    private static BpmnModelInstance roundTrip(BpmnModelInstance model) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void propertiesSetOnTheProcessSurviveTheXmlAndOnlyProcosOnesAreRead() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("invoices").startEvent().endEvent().done();
        Process process = model.getModelElementById("invoices");
        ModelProperties.set(process, ModelProperties.INTENT, "pay invoices");
        ModelProperties.set(process, "other.setting", "ignored");

        Process read = roundTrip(model).getModelElementById("invoices");

        assertThat(ModelProperties.procos(read)).containsExactly(Map.entry(ModelProperties.INTENT, "pay invoices"));
    }

    @Test
    void settingAPropertyAgainReplacesItInsteadOfAddingASecond() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("invoices").startEvent().endEvent().done();
        Process process = model.getModelElementById("invoices");
        ModelProperties.set(process, ModelProperties.ROLLED_BACK_FROM, "2");
        ModelProperties.set(process, ModelProperties.ROLLED_BACK_FROM, "5");

        Process read = roundTrip(model).getModelElementById("invoices");

        assertThat(ModelProperties.procos(read)).containsEntry(ModelProperties.ROLLED_BACK_FROM, "5");
        assertThat(read.getModelInstance().getModelElementsByType(CamundaProperty.class)).hasSize(1);
    }
}
