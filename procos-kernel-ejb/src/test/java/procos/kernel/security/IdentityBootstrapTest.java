package procos.kernel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import procos.kernel.config.SecuritySettings;
import procos.kernel.engine.InMemoryEngine;
import procos.kernel.engine.RunningEngine;

class IdentityBootstrapTest {

    @TempDir
    Path dir;
    private RunningEngine running;
    private ProcessEngine engine;

    /** Built by the kernel's own bootstrap, so authorizations are on and the admin groups set as in the server. */
    @BeforeEach
    void engine() throws Exception {
        running = InMemoryEngine.start("identity");
        engine = running.engine();
    }

    @AfterEach
    void close() {
        running.close();
    }

    private static SecuritySettings settings(String adminPassword) {
        return new SecuritySettings(Optional.ofNullable(adminPassword), Optional.empty(), SecuritySettings.DEFAULT_MAX_REQUEST_BYTES);
    }

    @Test
    void firstBootCreatesAdminWithAGeneratedPasswordInAnOwnerOnlyFile() throws Exception {
        Optional<Path> file = new IdentityBootstrap(engine).ensure(settings(null), dir);

        assertThat(file).contains(dir.resolve("admin.password").toAbsolutePath());
        String password = Files.readString(file.get()).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.get()))).isEqualTo("rw-------");
        assertThat(engine.getIdentityService().checkPassword("admin", password)).isTrue();
        assertThat(engine.getIdentityService().createGroupQuery().groupMember("admin").list())
                .extracting(g -> g.getId()).contains("admin", "camunda-admin");
    }

    @Test
    void aConfiguredAdminPasswordIsUsedAndNoFileIsWritten() throws Exception {
        Optional<Path> file = new IdentityBootstrap(engine).ensure(settings("correct horse battery"), dir);

        assertThat(file).isEmpty();
        assertThat(dir.resolve("admin.password")).doesNotExist();
        assertThat(engine.getIdentityService().checkPassword("admin", "correct horse battery")).isTrue();
    }

    @Test
    void laterBootsChangeNothingAnOperatorSet() throws Exception {
        IdentityBootstrap bootstrap = new IdentityBootstrap(engine);
        bootstrap.ensure(settings(null), dir);
        User admin = engine.getIdentityService().createUserQuery().userId("admin").singleResult();
        admin.setPassword("changed by the operator");
        engine.getIdentityService().saveUser(admin);
        long grants = engine.getAuthorizationService().createAuthorizationQuery().count();

        assertThat(bootstrap.ensure(settings("another password given later"), dir)).isEmpty();

        assertThat(engine.getIdentityService().checkPassword("admin", "changed by the operator")).isTrue();
        assertThat(engine.getAuthorizationService().createAuthorizationQuery().count()).isEqualTo(grants);
    }

    @Test
    void rolesDecideWhatAUserMayDoInTheEngine() throws Exception {
        new IdentityBootstrap(engine).ensure(settings(null), dir);
        engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn",
                Bpmn.createExecutableProcess("p").camundaHistoryTimeToLive(1).startEvent().userTask().endEvent().done()).deploy();
        createUser("vera", Role.VIEWER);
        createUser("otto", Role.OPERATOR);

        as("admin", "admin", "camunda-admin");
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(1);

        as("vera", "viewer");
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(1);
        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("p")).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
                .addModelInstance("q.bpmn", Bpmn.createExecutableProcess("q").camundaHistoryTimeToLive(1).startEvent().endEvent().done())
                .deploy()).isInstanceOf(AuthorizationException.class);

        as("otto", "operator");
        assertThat(engine.getRuntimeService().startProcessInstanceByKey("p").getId()).isNotBlank();
        assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
                .addModelInstance("q.bpmn", Bpmn.createExecutableProcess("q").camundaHistoryTimeToLive(1).startEvent().endEvent().done())
                .deploy()).isInstanceOf(AuthorizationException.class);
    }

    private void createUser(String id, Role role) {
        User user = engine.getIdentityService().newUser(id);
        user.setPassword(id + "-password-long");
        engine.getIdentityService().saveUser(user);
        engine.getIdentityService().createMembership(id, role.groupId());
    }

    private void as(String user, String... groups) {
        engine.getIdentityService().setAuthentication(user, List.of(groups), List.of());
    }
}
