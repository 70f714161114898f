package procos.das.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The ProcOS REST API, under {@code /procos/api}. */
@ApplicationPath("/api")
public class ProcosApi extends Application {
}
