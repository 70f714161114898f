package procos.pde.pipeline;

import procos.pde.v1.TaskResult;

/**
 * Told about every finished task: metrics count them, the learner (routing scores) learns from them.
 * Called on the task's thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface TaskListener {

    void finished(TaskContext context, TaskResult result);
}
