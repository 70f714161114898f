package procos.kernel.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import procos.kernel.config.OwnerOnlyFile;
import procos.kernel.config.SecuritySettings;
import procos.logging.StructuredLogger;

/**
 * Makes sure the engine's identity store can be used on every boot: the role groups with their
 * authorizations, and on first boot the {@code admin} user. Nothing that exists is changed, so a
 * password or grant an operator changed later stays as they left it.
 *
 * <p>First boot is safe without setup, as Jenkins and Grafana do it: the admin password is
 * {@code procos.admin.password} when set, otherwise generated and written to {@link #ADMIN_PASSWORD_FILE}
 * in the server's directory, readable by its owner only.
 */
public final class IdentityBootstrap {

    public static final String ADMIN_USER = "admin";
    /** Beside {@code grpc.token}, in the server's working directory. */
    public static final Path ADMIN_PASSWORD_FILE = Path.of("admin.password");
    private static final StructuredLogger LOG = StructuredLogger.forComponent("security");

    private final IdentityService identities;
    private final AuthorizationService authorizations;

    public IdentityBootstrap(ProcessEngine engine) {
        this.identities = engine.getIdentityService();
        this.authorizations = engine.getAuthorizationService();
    }

    /**
     * Creates what is missing.
     *
     * @param directory where a generated admin password is written
     * @return the file holding the generated admin password, when this boot generated one
     */
    public Optional<Path> ensure(SecuritySettings settings, Path directory) throws IOException {
        ensureGroup(Role.CAMUNDA_ADMIN_GROUP, "Camunda administrators", "SYSTEM");
        for (Role role : Role.values()) {
            ensureGroup(role.groupId(), "ProcOS " + role.groupId() + "s", role == Role.ADMIN ? "SYSTEM" : "WORKFLOW");
            ensureGrants(role.groupId(), role.grants());
        }
        ensureGrants(Role.CAMUNDA_ADMIN_GROUP, Role.ADMIN.grants());
        if (identities.createUserQuery().userId(ADMIN_USER).count() > 0) {
            return Optional.empty();
        }
        Path passwordFile = directory.resolve(ADMIN_PASSWORD_FILE).toAbsolutePath();
        String password = settings.adminPassword().isPresent() ? settings.adminPassword().get() : generatedPassword(passwordFile);
        User admin = identities.newUser(ADMIN_USER);
        admin.setFirstName("ProcOS");
        admin.setLastName("Administrator");
        admin.setPassword(password);
        identities.saveUser(admin);
        identities.createMembership(ADMIN_USER, Role.ADMIN.groupId());
        identities.createMembership(ADMIN_USER, Role.CAMUNDA_ADMIN_GROUP);
        LOG.info("admin_user_created").with("user", ADMIN_USER)
                .with("password", settings.adminPassword().isPresent() ? "from procos.admin.password" : "generated")
                .with("password_file", settings.adminPassword().isPresent() ? null : passwordFile.toString())
                .log();
        return settings.adminPassword().isPresent() ? Optional.empty() : Optional.of(passwordFile);
    }

    /**
     * The generated password, written before the user exists: a crash in between leaves a file whose
     * password the next boot uses, never an account nobody can log in to.
     */
    private static String generatedPassword(Path file) throws IOException {
        return OwnerOnlyFile.readOrCreate(file, () -> OwnerOnlyFile.randomSecret(18)).text();
    }

    private void ensureGroup(String id, String name, String type) {
        if (identities.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        Group group = identities.newGroup(id);
        group.setName(name);
        group.setType(type);
        identities.saveGroup(group);
    }

    private void ensureGrants(String groupId, Map<Resources, List<Permissions>> grants) {
        for (Map.Entry<Resources, List<Permissions>> grant : grants.entrySet()) {
            boolean granted = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                    .resourceType(grant.getKey()).resourceId(Authorization.ANY).count() > 0;
            if (granted) {
                continue;
            }
            Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(grant.getKey());
            authorization.setResourceId(Authorization.ANY);
            grant.getValue().forEach(authorization::addPermission);
            authorizations.saveAuthorization(authorization);
        }
    }
}
