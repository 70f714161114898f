package procos.pde.meta;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A meta task's sub-tasks, read from a JSON array (given as a list, or as a string holding one)
 * and checked as a whole before anything runs: every entry an object with a well-formed unique
 * {@code id}, a {@code type}, an object (or no) {@code inputs}, a list of known ids (or no)
 * {@code depends_on}, and no dependency cycle. Problems name the entry and field.
 *
 * <pre>{@code
 * [{"id": "a", "type": "echo", "inputs": {"x": 1}},
 *  {"id": "b", "type": "echo", "inputs": {}, "depends_on": ["a"]}]
 * }</pre>
 */
final class SubTaskPlan {

    /** The input holding the list. */
    static final String INPUT = "subtasks";
    /** Upper bound on one list: every entry is a gRPC call, and a list comes from outside. */
    static final int MAX_SUB_TASKS = 256;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final Set<String> FIELDS = Set.of("id", "type", "inputs", "depends_on");

    private final List<SubTask> subTasks;

    private SubTaskPlan(List<SubTask> subTasks) {
        this.subTasks = List.copyOf(subTasks);
    }

    /** @throws PlanException naming the entry and field at fault */
    static SubTaskPlan parse(Value list) throws PlanException {
        Value parsed = list.hasStringValue() ? json(list.getStringValue()) : list;
        if (!parsed.hasListValue()) {
            throw new PlanException(INPUT, "must be a JSON array of {id, type, inputs, depends_on}");
        }
        List<Value> entries = parsed.getListValue().getValuesList();
        if (entries.isEmpty()) {
            throw new PlanException(INPUT, "lists no sub-task");
        }
        if (entries.size() > MAX_SUB_TASKS) {
            throw new PlanException(INPUT, "lists " + entries.size() + " sub-tasks, more than " + MAX_SUB_TASKS);
        }
        Map<String, Integer> indexById = new HashMap<>();
        List<SubTask> subTasks = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            SubTask subTask = entry(entries.get(i), INPUT + "[" + i + "]");
            Integer first = indexById.putIfAbsent(subTask.id(), i);
            if (first != null) {
                throw new PlanException(INPUT + "[" + i + "].id", "'" + subTask.id() + "' is already the id of "
                        + INPUT + "[" + first + "]");
            }
            subTasks.add(subTask);
        }
        for (int i = 0; i < subTasks.size(); i++) {
            for (String dependency : subTasks.get(i).dependsOn()) {
                if (!indexById.containsKey(dependency)) {
                    throw new PlanException(INPUT + "[" + i + "].depends_on", "names '" + dependency
                            + "', which is not the id of any sub-task");
                }
            }
        }
        refuseCycles(subTasks);
        return new SubTaskPlan(subTasks);
    }

    /** The sub-tasks in the order given. */
    List<SubTask> subTasks() {
        return subTasks;
    }

    private static Value json(String text) throws PlanException {
        Value.Builder value = Value.newBuilder();
        try {
            JsonFormat.parser().merge(text, value);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new PlanException(INPUT, "is not valid JSON: " + e.getMessage());
        }
        return value.build();
    }

    private static SubTask entry(Value value, String at) throws PlanException {
        if (!value.hasStructValue()) {
            throw new PlanException(at, "must be an object {id, type, inputs, depends_on}");
        }
        Map<String, Value> fields = value.getStructValue().getFieldsMap();
        for (String field : fields.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new PlanException(at + "." + field, "is not a sub-task field (known: id, type, inputs, depends_on)");
            }
        }
        String id = text(fields.get("id"), at + ".id");
        if (!ID.matcher(id).matches()) {
            throw new PlanException(at + ".id", "must be 1-64 characters of letters, digits and . _ : -");
        }
        String type = text(fields.get("type"), at + ".type");
        Value inputs = fields.get("inputs");
        if (inputs != null && !inputs.hasStructValue() && !inputs.hasNullValue()) {
            throw new PlanException(at + ".inputs", "must be an object");
        }
        return new SubTask(id, type, inputs == null || inputs.hasNullValue() ? Struct.getDefaultInstance() : inputs.getStructValue(),
                dependencies(fields.get("depends_on"), at + ".depends_on", id));
    }

    private static String text(Value value, String at) throws PlanException {
        if (value == null || value.hasNullValue()) {
            throw new PlanException(at, "is required");
        }
        if (!value.hasStringValue() || value.getStringValue().isBlank()) {
            throw new PlanException(at, "must be a non-empty string");
        }
        return value.getStringValue().strip();
    }

    private static List<String> dependencies(Value value, String at, String ownId) throws PlanException {
        if (value == null || value.hasNullValue()) {
            return List.of();
        }
        if (!value.hasListValue()) {
            throw new PlanException(at, "must be a list of sub-task ids");
        }
        List<String> ids = new ArrayList<>();
        for (Value item : value.getListValue().getValuesList()) {
            String id = text(item, at);
            if (id.equals(ownId)) {
                throw new PlanException(at, "'" + id + "' cannot depend on itself");
            }
            ids.add(id);
        }
        return ids;
    }

    /** Depth-first search; a sub-task met again while its own dependencies are being visited closes a cycle. */
    private static void refuseCycles(List<SubTask> subTasks) throws PlanException {
        Map<String, SubTask> byId = new LinkedHashMap<>();
        subTasks.forEach(subTask -> byId.put(subTask.id(), subTask));
        Map<String, Boolean> finished = new HashMap<>(); // false: on the current path, true: done
        for (SubTask subTask : subTasks) {
            visit(subTask, byId, finished, new ArrayList<>());
        }
    }

    private static void visit(SubTask subTask, Map<String, SubTask> byId, Map<String, Boolean> finished, List<String> path)
            throws PlanException {
        Boolean state = finished.get(subTask.id());
        if (Boolean.TRUE.equals(state)) {
            return;
        }
        path.add(subTask.id());
        if (Boolean.FALSE.equals(state)) {
            List<String> cycle = path.subList(path.indexOf(subTask.id()), path.size());
            throw new PlanException(INPUT, "depends_on forms a cycle: " + String.join(" -> ", cycle));
        }
        finished.put(subTask.id(), false);
        for (String dependency : subTask.dependsOn()) {
            visit(byId.get(dependency), byId, finished, path);
        }
        finished.put(subTask.id(), true);
        path.remove(path.size() - 1);
    }
}
