package procos.das.generation.governance;

/**
 * One place a compiled model names work to be done: an external task's topic, or a script, which
 * counts as task type {@code script.<language>} so that {@code script.*} forbids scripts whether a
 * PDE or the engine would run them.
 *
 * @param elementId the element that holds it (the nearest one with an id)
 * @param taskType  the task type, as written
 * @param where     what holds it, for messages ("topic of mailTask")
 */
record TaskTypeUse(String elementId, String taskType, String where) {

    /** Whether the type is computed when the task runs ({@code ${…}}), so no check here can know it. */
    boolean dynamic() {
        return taskType.contains("${") || taskType.contains("#{");
    }
}
