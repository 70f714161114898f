package procos.pde.pool;

/**
 * One thing wrong with a PDE manager configuration: where ({@code path}, e.g.
 * {@code pde_manager.pools[1].max_concurrent_tasks}, or {@code (document)} for the file as a whole)
 * and what ({@code message}). Messages never contain the value of a secret.
 */
public record PoolConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
