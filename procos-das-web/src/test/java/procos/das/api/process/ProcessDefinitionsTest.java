package procos.das.api.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import procos.das.api.ApiModels;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.testing.TestEngine;

class ProcessDefinitionsTest {

    private ProcessEngine engine;
    private ProcessDefinitions definitions;

    @BeforeEach
    void start() {
        engine = TestEngine.start("definitions");
        definitions = new ProcessDefinitions(engine);
        ApiModels.deploy(engine, "a1", ApiModels.review("alpha"));
        ApiModels.deploy(engine, "a2", ApiModels.review("alpha").replace("Review alpha", "Review alpha again"));
        ApiModels.deploy(engine, "b1", ApiModels.externalTask("beta", "beta.work"));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void listsByKeyNewestVersionFirstWithRealCountsAndPages() {
        Page<ProcessDefinitionItem> all = definitions.list(null, false, new Paging(0, 2));
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).extracting(ProcessDefinitionItem::key, ProcessDefinitionItem::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", 2), org.assertj.core.groups.Tuple.tuple("alpha", 1));
        assertThat(definitions.list(null, false, new Paging(2, 2)).items()).extracting(ProcessDefinitionItem::key).containsExactly("beta");

        assertThat(definitions.list(null, true, new Paging(0, 50)).items()).extracting(ProcessDefinitionItem::version).containsExactly(2, 1);
        Page<ProcessDefinitionItem> alpha = definitions.list("alpha", false, new Paging(0, 50));
        assertThat(alpha.total()).isEqualTo(2);
        assertThat(alpha.items().get(0).name()).isEqualTo("Review alpha again");
    }

    @Test
    void anItemCarriesTheProcosMetadataOnlyAndItsResource() {
        ProcessDefinitionItem alpha = definitions.list("alpha", true, new Paging(0, 1)).items().get(0);

        assertThat(alpha.metadata()).containsExactly(Map.entry("procos.kind", "peo"), Map.entry("procos.domain", "finance"));
        assertThat(alpha.resource()).isEqualTo("a2.bpmn");
        assertThat(alpha.startable()).isTrue();
        assertThat(definitions.xml(alpha.id())).contains("<userTask id=\"decide\"");
    }

    @Test
    void startStoresTheVariablesAndBusinessKey() {
        String id = definitions.list("beta", true, new Paging(0, 1)).items().get(0).id();

        StartedInstance started = definitions.start(id, "order-7",
                VariableValues.fromJson(Map.of("amount", new java.math.BigDecimal("12"), "order", Map.of("x", true)), "variables"));

        assertThat(started.businessKey()).isEqualTo("order-7");
        assertThat(engine.getRuntimeService().getVariables(started.instanceId()))
                .containsEntry("amount", 12L).containsEntry("order", "{\"x\":true}");
    }

    @Test
    void aSuspendedDefinitionIsNotStartableUntilResumed() {
        String id = definitions.list("beta", true, new Paging(0, 1)).items().get(0).id();

        ProcessDefinitionItem suspended = definitions.suspend(id);
        assertThat(suspended.suspended()).isTrue();
        assertThat(suspended.startable()).isFalse();
        assertThatThrownBy(() -> definitions.start(id, null, Map.of()))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(409));

        assertThat(definitions.resume(id).suspended()).isFalse();
        assertThat(definitions.start(id, null, Map.of()).instanceId()).isNotBlank();
    }

    @Test
    void anUnknownDefinitionIsNotFound() {
        assertThatThrownBy(() -> definitions.get("nope:1:x"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
    }
}
