package procos.das.api.pde;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of an endpoint's health check run on request. */
@Schema(name = "EndpointSelfTest")
public record SelfTestResult(String id, String health, String detail, long elapsedMs) {
}
