package procos.das.api;

import jakarta.servlet.annotation.WebListener;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;

/**
 * Starts the handler behind long-polling fetch-and-lock; without it {@code /external-task/fetchAndLock}
 * fails with a NullPointerException inside the REST API.
 */
@WebListener
public class EngineRestLongPolling extends FetchAndLockContextListener {
}
