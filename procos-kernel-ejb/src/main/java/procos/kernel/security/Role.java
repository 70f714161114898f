package procos.kernel.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * The four roles of ProcOS. Each is a Camunda group of the same id, so one set of users and groups
 * serves the console, the ProcOS API (where the group is the Jakarta EE role) and Camunda's REST API
 * (where the group's authorizations decide). Members of {@link #ADMIN} are engine administrators and
 * pass every authorization check.
 */
public enum Role {

    /** Reads definitions, instances, tasks and history; changes nothing. */
    VIEWER(Map.of(
            Resources.PROCESS_DEFINITION, List.of(Permissions.READ, Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK),
            Resources.PROCESS_INSTANCE, List.of(Permissions.READ),
            Resources.TASK, List.of(Permissions.READ),
            Resources.DEPLOYMENT, List.of(Permissions.READ),
            Resources.DECISION_DEFINITION, List.of(Permissions.READ))),

    /** Runs the work: starts, modifies, suspends and cancels instances, works tasks; does not deploy. */
    OPERATOR(Map.of(
            Resources.PROCESS_DEFINITION, List.of(Permissions.READ, Permissions.READ_INSTANCE, Permissions.READ_HISTORY,
                    Permissions.READ_TASK, Permissions.UPDATE_TASK, Permissions.CREATE_INSTANCE, Permissions.UPDATE_INSTANCE,
                    Permissions.DELETE_INSTANCE),
            Resources.PROCESS_INSTANCE, List.of(Permissions.ALL),
            Resources.TASK, List.of(Permissions.ALL),
            Resources.DEPLOYMENT, List.of(Permissions.READ),
            Resources.DECISION_DEFINITION, List.of(Permissions.READ))),

    /** Claims and completes the human tasks offered to it, such as approvals. */
    APPROVER(Map.of(
            Resources.PROCESS_DEFINITION, List.of(Permissions.READ, Permissions.READ_TASK),
            Resources.TASK, List.of(Permissions.READ, Permissions.TASK_WORK, Permissions.TASK_ASSIGN))),

    /**
     * Everything, including deployments, users and authorizations. Camunda checks queries against
     * grants even for its administrators' group, so the group holds ALL on every resource type.
     */
    ADMIN(Arrays.stream(Resources.values()).collect(Collectors.toMap(Function.identity(), resource -> List.of(Permissions.ALL))));

    /** Camunda's own administrators' group; the bootstrap admin belongs to it too, so Camunda's tools treat it as admin. */
    public static final String CAMUNDA_ADMIN_GROUP = Groups.CAMUNDA_ADMIN;

    private final Map<Resources, List<Permissions>> grants;

    Role(Map<Resources, List<Permissions>> grants) {
        this.grants = Map.copyOf(grants);
    }

    /** The Camunda group id, which is also the Jakarta EE role name. */
    public String groupId() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the role's group is granted on every resource id of each resource type. */
    public Map<Resources, List<Permissions>> grants() {
        return grants;
    }
}
