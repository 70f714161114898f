package procos.das.api.process;

import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import procos.das.api.EngineUser;
import procos.kernel.Kernel;
import procos.kernel.engine.RunningEngine;

/**
 * The engine as the user who signed in to this request sees it: every call runs under their identity
 * and groups ({@link EngineUser}), so the engine's authorizations decide what they may read and do.
 */
public final class SignedInEngine {

    private final ProcessEngine engine;
    private final String user;

    public SignedInEngine(ProcessEngine engine, String user) {
        this.engine = engine;
        this.user = user;
    }

    /** 503 while the kernel has no running engine (booting, or failed). */
    public static SignedInEngine of(Kernel kernel, SecurityContext security) {
        ProcessEngine engine = kernel.engine().map(RunningEngine::engine)
                .orElseThrow(() -> new ServiceUnavailableException("the process engine is not running"));
        return new SignedInEngine(engine, security.getUserPrincipal().getName());
    }

    public <T> T call(Function<ProcessEngine, T> call) {
        return EngineUser.as(engine, user, () -> call.apply(engine));
    }

    public String user() {
        return user;
    }
}
