package dev.ordo.api;

import static dev.ordo.api.ApiSupport.PROCESS_TIMEOUT;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * A carrier EXCEPTION over HTTP opens "Resolve delivery exception"; customer service reships to a
 * corrected address through /engine-rest (as Tasklist does) and the new label is delivered.
 */
class DeliveryExceptionApiTest extends ApiTestBase {
    @Test
    void anUndeliverableShipmentIsReshippedToTheCorrectedAddressWithANewTrackingNumberAndDelivered() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));
        JsonNode confirmed = api.awaitOrder(id, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1 && "LABEL_CREATED".equals(o.path("shipments").get(0).path("status").asText()));
        String tracking = confirmed.path("shipments").get(0).path("trackingNumber").asText();
        assertThat(api.carrierEvent(tracking, "SHIPPED").status()).isEqualTo(202);
        api.awaitOrder(id, "SHIPPED and captured", o -> "CAPTURED".equals(o.path("payment").path("status").asText()));

        Response exception = api.carrierEvent(tracking, "EXCEPTION");

        assertThat(exception.status()).as(exception.toString()).isEqualTo(202);
        String taskId = await("exception task of " + id).atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> api.engine(HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + id
                        + "&taskDefinitionKey=Task_ResolveDeliveryException", null).json(), tasks -> tasks.size() == 1)
                .get(0).path("id").asText();
        Response completed = api.engine(HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "resolution", Map.of("value", "reship"), "shipToLine1", Map.of("value", "12 Broad St"),
                "shipToPostalCode", Map.of("value", "07104"))));
        assertThat(completed.status()).as(completed.toString()).isIn(200, 204);

        JsonNode reshipped = api.awaitOrder(id, "a new label", o -> !tracking.equals(o.path("shipments").get(0).path("trackingNumber").asText()));
        assertThat(reshipped.path("shippingAddress").path("line1").asText()).isEqualTo("12 Broad St");
        assertThat(reshipped.path("shippingAddress").path("postalCode").asText()).isEqualTo("07104");
        assertThat(reshipped.path("shipments").get(0).path("status").asText()).isEqualTo("SHIPPED");
        String newTracking = reshipped.path("shipments").get(0).path("trackingNumber").asText();

        assertThat(api.carrierEvent(newTracking, "DELIVERED").status()).isEqualTo(202);
        JsonNode delivered = api.awaitStatus(id, "DELIVERED");
        assertThat(delivered.path("payment").path("status").asText()).isEqualTo("CAPTURED");
    }
}
