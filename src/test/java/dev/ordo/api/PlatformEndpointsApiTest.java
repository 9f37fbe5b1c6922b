package dev.ordo.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordo.api.ApiSupport.Response;
import org.junit.jupiter.api.Test;

/** The endpoints around the API: Camunda's REST API, OpenAPI and Swagger UI, health. */
class PlatformEndpointsApiTest extends ApiTestBase {
    @Test
    void engineRestRequiresHttpBasicAgainstCamundaUsers() {
        Response anonymous = api.get(null, "/engine-rest/process-definition");
        Response apiKey = api.get(ApiSupport.OPS, "/engine-rest/process-definition");
        Response demo = api.getBasic("demo", "demo", "/engine-rest/process-definition?key=order-standard");
        // not demo with a wrong password: Camunda's login throttling would lock demo for a few seconds,
        // and on the shared PostgreSQL database that lock would reach other test classes
        Response unknownUser = api.getBasic("nobody-" + java.util.UUID.randomUUID(), "demo", "/engine-rest/process-definition");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(apiKey.status()).isEqualTo(401);
        assertThat(demo.status()).as(demo.toString()).isEqualTo(200);
        assertThat(demo.json()).isNotEmpty();
        assertThat(demo.json().get(0).path("key").asText()).isEqualTo("order-standard");
    }

    @Test
    void openApiDocumentDescribesTheOrdersApi() {
        Response docs = api.get(null, "/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/v1/orders")).as("paths of %s", docs.body()).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/orders/{id}")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/carrier-events")).isTrue();
    }

    @Test
    void swaggerUiIsReachable() {
        Response ui = api.get(null, "/swagger-ui.html");

        assertThat(ui.status()).as("after redirects: %s", ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void healthIsUp() {
        Response health = api.get(null, "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }
}
