package procos.pde.endpoint.llm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import procos.pde.endpoint.HealthReports;
import procos.pde.v1.EndpointHealth;
import procos.pde.v1.HealthState;

/**
 * Whether the model server answers and accepts the key, checked with one cheap request and
 * remembered for {@code health_ttl}: the PDE asks for health before routing, and a model server
 * must not get a listing request per task. A failed call drops the reading so the next health
 * question checks again instead of trusting a stale "healthy".
 *
 * <p>Any HTTP answer except 401/403 and 5xx counts as reachable: not every compatible server
 * implements the listing, and one answering 404 to it still serves chats.
 */
final class ModelReachability {

    /** A health check must stay cheap even when the server hangs. */
    private static final Duration MAX_PROBE_TIME = Duration.ofSeconds(3);

    private final String endpointId;
    private final LlmSettings settings;
    private final HttpClient client;
    private final Duration probeTimeout;
    private Reading reading;

    ModelReachability(String endpointId, LlmSettings settings) {
        this.endpointId = endpointId;
        this.settings = settings;
        this.probeTimeout = settings.timeout().compareTo(MAX_PROBE_TIME) < 0 ? settings.timeout() : MAX_PROBE_TIME;
        this.client = HttpClient.newBuilder().connectTimeout(probeTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    synchronized EndpointHealth current() {
        if (!settings.configured()) {
            return HealthReports.of(HealthState.UNHEALTHY, "not configured: " + settings.howToConfigure(endpointId));
        }
        long now = System.nanoTime();
        if (reading == null || now - reading.takenNanos() > settings.healthTtl().toNanos()) {
            reading = new Reading(probe(), now);
        }
        return reading.health();
    }

    /** Trust the next health question to a new check. */
    synchronized void forget() {
        reading = null;
    }

    private EndpointHealth probe() {
        String host = settings.host();
        try {
            HttpResponse<Void> response = client.send(settings.provider().probe(settings).timeout(probeTimeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                return HealthReports.of(HealthState.UNHEALTHY, "model server '" + host + "' refused the credentials (HTTP "
                        + status + "); check api_key");
            }
            if (status >= 500) {
                return HealthReports.of(HealthState.DEGRADED, "model server '" + host + "' answered HTTP " + status);
            }
            return HealthReports.healthy();
        } catch (HttpTimeoutException e) {
            return HealthReports.of(HealthState.UNHEALTHY, "model server '" + host + "' did not answer within " + probeTimeout);
        } catch (IOException e) {
            return HealthReports.of(HealthState.UNHEALTHY, "cannot reach model server '" + host + "': "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthReports.of(HealthState.HEALTH_STATE_UNSPECIFIED, "health check interrupted");
        }
    }

    private record Reading(EndpointHealth health, long takenNanos) {
    }
}
