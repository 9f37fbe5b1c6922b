package dev.ordo.api;

import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.PROCESS_TIMEOUT;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordo.api.ApiSupport.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * Health for everyone; Prometheus metrics and the metrics endpoint for ops keys only. (Spring Boot's
 * tests replace the Prometheus registry with a simple one unless asked: {@link AutoConfigureObservability}.)
 */
@AutoConfigureObservability(tracing = false)
class MetricsApiTest extends ApiTestBase {
    @Test
    void prometheusNeedsAnOpsKey() {
        assertProblem(api.get(null, "/actuator/prometheus"), 401);
        assertProblem(api.get("not-a-key", "/actuator/prometheus"), 401);
        assertProblem(api.get(WEB, "/actuator/prometheus"), 403);
        assertProblem(api.get(ApiSupport.CARRIER, "/actuator/metrics"), 403);
        assertProblem(api.get(null, "/actuator/metrics"), 401);

        Response metrics = api.get(OPS, "/actuator/metrics");
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.json().path("names").toString())
                .contains("ordo.orders", "ordo.jobs.due", "ordo.incidents.open");
    }

    @Test
    void prometheusShowsOrdersByStatusTheJobBacklogAndAdapterCalls() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));
        String status = api.awaitStatus(id, "CONFIRMED").path("status").asText();

        // the gauges are refreshed every ordo.metrics.refresh (1 s in tests), not per scrape
        String scrape = await("ordo_orders counting the CONFIRMED standard order").atMost(PROCESS_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus(), text -> value(text, "ordo_orders",
                        Map.of("type", "standard", "status", status)).orElse(0) >= 1);

        assertThat(value(scrape, "ordo_orders", Map.of("type", "standard", "status", "RECEIVED"))).isPresent();
        assertThat(value(scrape, "ordo_jobs_due", Map.of())).isPresent();
        assertThat(value(scrape, "ordo_incidents_open", Map.of())).isPresent();
        assertThat(value(scrape, "ordo_adapter_calls_seconds_count",
                Map.of("adapter", "payment", "operation", "authorize", "outcome", "success")).orElse(0)).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "ordo_adapter_calls_seconds_count",
                Map.of("adapter", "carrier", "operation", "create_label", "outcome", "success")).orElse(0)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnavailableProviderShowsAsFailedCallsAndAnOpenIncident() {
        String sku = api.newProductIn("us-east", 10);
        var order = orderOf(newCustomer(), sku);
        ApiSupport.with(order, "payment.token", "tok_unavailable");
        api.place(order);

        // Every attempt of the test profile's retry cycle R2/PT1S fails, then the incident. (The database may be
        // shared with earlier tests' incidents, so wait for this order's failed calls, not just any incident.)
        String scrape = await("failed calls and an open incident after the retries").atMost(PROCESS_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus(), text -> value(text, "ordo_adapter_calls_seconds_count",
                        Map.of("adapter", "payment", "operation", "authorize", "outcome", "failure")).orElse(0) >= 2
                        && value(text, "ordo_incidents_open", Map.of()).orElse(0) >= 1);
        assertThat(value(scrape, "ordo_incidents_open", Map.of()).orElse(0)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void healthIsPublicAndShowsTheDatabaseTheEngineAndTheJobExecutor() {
        Response health = api.get(null, "/actuator/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        var components = health.json().path("components");
        assertThat(components.path("db").path("status").asText()).as(health.body()).isEqualTo("UP");
        assertThat(components.path("processEngine").path("status").asText()).as(health.body()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("status").asText()).as(health.body()).isEqualTo("UP");
    }

    private String prometheus() {
        Response scrape = api.get(OPS, "/actuator/prometheus");
        assertThat(scrape.status()).as("scrape: %s", scrape.status()).isEqualTo(200);
        return scrape.body();
    }

    /** The value of the first sample of {@code name} whose labels include {@code labels}. */
    private static OptionalDouble value(String scrape, String name, Map<String, String> labels) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
