package procos.das.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.identity.Group;
import procos.logging.StructuredLogger;

/**
 * Checks HTTP credentials against the engine's own users, so the console, the ProcOS API and
 * Camunda's REST API share one set of users, passwords and groups. The user's groups are its
 * Jakarta EE roles ({@code viewer}, {@code operator}, {@code approver}, {@code admin}); Camunda's
 * password check also applies its lockout after repeated failures.
 */
@ApplicationScoped
public class EngineIdentityStore implements IdentityStore {

    private static final StructuredLogger LOG = StructuredLogger.forComponent("security");

    /** Validates a user name and password; any other credential type is not this store's. */
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        ProcessEngine engine = ProcessEngines.getDefaultProcessEngine(false);
        if (engine == null) {
            // No engine (kernel failed or still booting): nobody can be checked, so nobody gets in.
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        IdentityService identities = engine.getIdentityService();
        String user = credential.getCaller();
        if (user == null || user.isBlank() || !identities.checkPassword(user, credential.getPasswordAsString())) {
            LOG.warn("http_login_failed").with("user", user).log();
            return CredentialValidationResult.INVALID_RESULT;
        }
        Set<String> groups = new HashSet<>();
        for (Group group : identities.createGroupQuery().groupMember(user).list()) {
            groups.add(group.getId());
        }
        return new CredentialValidationResult(user, groups);
    }
}
