package procos.das.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * HTTP Basic for every caller — browsers, scripts and API clients alike — checked by
 * {@link EngineIdentityStore}. Which paths need which role is declared in {@code WEB-INF/web.xml};
 * only Liberty's health endpoints answer without credentials.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "ProcOS")
public class HttpAuthentication {
}
