package procos.das.api;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;

/**
 * Runs engine calls as the signed-in user, with their groups, so that the engine records who acted
 * (initiator, assignee, operation log) and applies its authorizations to that user.
 */
public final class EngineUser {

    private EngineUser() {
    }

    public static <T> T as(ProcessEngine engine, String userId, Supplier<T> call) {
        IdentityService identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        identity.setAuthentication(userId, groups);
        try {
            return call.get();
        } finally {
            identity.clearAuthentication();
        }
    }
}
