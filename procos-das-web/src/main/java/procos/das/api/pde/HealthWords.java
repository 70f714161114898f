package procos.das.api.pde;

import java.time.Instant;
import procos.pde.v1.EndpointHealth;

/**
 * An endpoint's health in the API's words: UP for healthy and degraded (both take work; a degraded
 * one says so in its detail), DOWN for unhealthy, UNKNOWN when it was never checked.
 */
final class HealthWords {

    private HealthWords() {
    }

    static String state(EndpointHealth health) {
        if (health == null) {
            return "UNKNOWN";
        }
        return switch (health.getState()) {
            case HEALTHY, DEGRADED -> "UP";
            case UNHEALTHY -> "DOWN";
            default -> "UNKNOWN";
        };
    }

    static String detail(EndpointHealth health) {
        if (health == null) {
            return "not checked yet";
        }
        String message = health.getMessage();
        return switch (health.getState()) {
            case DEGRADED -> message.isBlank() ? "degraded" : "degraded: " + message;
            default -> message;
        };
    }

    static String checkedAt(EndpointHealth health) {
        if (health == null || !health.hasCheckedAt()) {
            return null;
        }
        return Instant.ofEpochSecond(health.getCheckedAt().getSeconds(), health.getCheckedAt().getNanos()).toString();
    }
}
