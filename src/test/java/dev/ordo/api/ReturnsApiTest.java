package dev.ordo.api;

import static dev.ordo.api.ApiSupport.JSON;
import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.PROCESS_TIMEOUT;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Returns over HTTP, driven by the job executor, carrier events and the inspection task completed
 * through {@code /engine-rest} as Tasklist would: a full return, a partial one, a repeated
 * RETURN_RECEIVED event, and the requests the contract refuses.
 */
class ReturnsApiTest extends ApiTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    dev.ordo.shipping.SimulatedCarrierGateway carriers;

    @Test
    void aDeliveredOrderReturnedInFullEndsReturnedWithPaymentRefundedAndTheStockBack() {
        String sku = api.newProductIn("us-east", 10);
        String id = delivered(sku);
        assertThat(api.stock("us-east", sku).path("onHand").asInt()).isEqualTo(8);
        String lineId = api.order(id).path("lines").get(0).path("lineId").asText();

        Response created = requestReturn(WEB, id, lineId, 2);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode ret = created.json();
        String returnId = ret.path("id").asText();
        String tracking = ret.path("trackingNumber").asText();
        assertThat(returnId).isNotBlank();
        assertThat(tracking).isNotBlank();
        assertThat(ret.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(ret.path("lines")).hasSize(1);
        assertThat(ret.path("lines").get(0).path("lineId").asText()).isEqualTo(lineId);
        assertThat(ret.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(created.headers().getLocation()).hasToString("/api/v1/orders/" + id + "/returns/" + returnId);
        assertThat(readReturn(WEB, id, returnId).json().path("status").asText()).isEqualTo("REQUESTED");

        Response received = api.carrierEvent(tracking, "RETURN_RECEIVED");
        Response receivedAgain = api.carrierEvent(tracking, "RETURN_RECEIVED");

        assertThat(received.status()).as(received.toString()).isEqualTo(202);
        assertThat(receivedAgain.status()).as(receivedAgain.toString()).isEqualTo(202);
        assertThat(receivedAgain.json().path("applied").asBoolean()).isFalse();
        assertThat(readReturn(OPS, id, returnId).json().path("status").asText()).isEqualTo("RECEIVED");

        completeInspection(id, "restock");

        JsonNode returned = api.awaitOrder(id, "RETURNED and REFUNDED", o -> "RETURNED".equals(o.path("status").asText())
                && "REFUNDED".equals(o.path("payment").path("status").asText()));
        assertThat(returned.path("payment").path("refunded").asText()).isEqualTo("39.98");
        assertThat(api.stock("us-east", sku).path("onHand").asInt()).isEqualTo(10);
        JsonNode done = readReturn(WEB, id, returnId).json();
        assertThat(done.path("status").asText()).isEqualTo("REFUNDED");
        assertThat(done.path("refunded").asText()).isEqualTo("39.98");
        long returnedEvents = java.util.stream.StreamSupport.stream(api.timeline(id).spliterator(), false)
                .filter(e -> "RETURN_RECEIVED".equals(e.path("type").asText())).count();
        assertThat(returnedEvents).as("the repeated carrier event had no second effect").isOne();
    }

    @Test
    void aPartialReturnEndsPartiallyReturnedAndPartiallyRefundedAndMoreThanShippedIsAConflict() {
        String sku = api.newProductIn("us-east", 10);
        String id = delivered(sku);
        String lineId = api.order(id).path("lines").get(0).path("lineId").asText();

        assertProblem(requestReturn(WEB, id, lineId, 3), 409);
        Response created = requestReturn(WEB, id, lineId, 1);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.carrierEvent(created.json().path("trackingNumber").asText(), "RETURN_RECEIVED").status()).isEqualTo(202);
        completeInspection(id, "write_off");

        JsonNode partial = api.awaitOrder(id, "PARTIALLY_RETURNED", o -> "PARTIALLY_RETURNED".equals(o.path("status").asText())
                && "PARTIALLY_REFUNDED".equals(o.path("payment").path("status").asText()));
        assertThat(partial.path("payment").path("refunded").asText()).isEqualTo("19.99");
        assertThat(api.stock("us-east", sku).path("onHand").asInt()).as("written off").isEqualTo(8);
        assertProblem(requestReturn(WEB, id, lineId, 2), 409);
    }

    @Test
    void badReturnRequestsAreRefusedAsTheContractSays() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));
        JsonNode confirmed = api.awaitOrder(id, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1 && "LABEL_CREATED".equals(o.path("shipments").get(0).path("status").asText()));
        String lineId = confirmed.path("lines").get(0).path("lineId").asText();

        assertProblem(requestReturn(WEB, id, lineId, 1), 409); // nothing shipped yet
        assertProblem(requestReturn(WEB, id, lineId, 0), 400);
        assertProblem(requestReturn(WEB, id, "no-such-line", 1), 400);
        ObjectNode noLines = JSON.createObjectNode().put("reason", "x");
        noLines.putArray("lines");
        assertProblem(api.post(WEB, "/api/v1/orders/" + id + "/returns", noLines), 400);
        assertProblem(api.post(WEB, "/api/v1/orders/" + id + "/returns", "{not json"), 400);
        assertProblem(requestReturn(WEB, "00000000-0000-0000-0000-000000000000", lineId, 1), 404);
        assertThat(requestReturn(OPS, id, lineId, 1).status()).as("returns are requested by storefronts").isEqualTo(403);
        assertProblem(readReturn(WEB, id, "00000000-0000-0000-0000-000000000000"), 404);
        assertProblem(api.carrierEvent("NO-SUCH-RETURN-LABEL", "RETURN_RECEIVED"), 404);
    }

    @Test
    void aCarrierOutageWhileCreatingTheReturnLabelAnswers503AndRecordsNoReturn() {
        String sku = api.newProductIn("us-east", 10);
        String id = delivered(sku);
        JsonNode order = api.order(id);
        String lineId = order.path("lines").get(0).path("lineId").asText();
        String carrier = order.path("shipments").get(0).path("carrier").asText();

        carriers.setAvailable(carrier, false);
        Response refused;
        try {
            refused = requestReturn(WEB, id, lineId, 2);
        } finally {
            carriers.setAvailable(carrier, true);
        }

        assertProblem(refused, 503);
        assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("10");
        assertThat(refused.json().path("detail").asText()).contains(id).contains(carrier);
        assertThat(api.timeline(id).toString()).as("no return was recorded").doesNotContain("RETURN_REQUESTED");
        Response again = requestReturn(WEB, id, lineId, 2);
        assertThat(again.status()).as("the same return once the carrier is back: " + again).isEqualTo(201);
    }

    @Test
    void restockedReturnsLetAnOrderWaitingForThatStockProceed() {
        String sku = api.newProductIn("us-east", 2);
        String delivered = delivered(sku);
        String waiting = api.place(orderOf(newCustomer(), sku));
        api.awaitStatus(waiting, "BACKORDERED");
        String lineId = api.order(delivered).path("lines").get(0).path("lineId").asText();

        Response created = requestReturn(WEB, delivered, lineId, 2);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.carrierEvent(created.json().path("trackingNumber").asText(), "RETURN_RECEIVED").status()).isEqualTo(202);
        completeInspection(delivered, "restock");

        JsonNode confirmed = api.awaitOrder(waiting, "CONFIRMED with the returned stock", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1);
        assertThat(confirmed.path("shipments").get(0).path("warehouseId").asText()).isEqualTo("us-east");
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isEqualTo(2);
    }

    /** Places 2 x 19.99 of {@code sku} and drives it to DELIVERED with carrier events. */
    private String delivered(String sku) {
        String id = api.place(orderOf(newCustomer(), sku));
        JsonNode confirmed = api.awaitOrder(id, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1 && "LABEL_CREATED".equals(o.path("shipments").get(0).path("status").asText()));
        String tracking = confirmed.path("shipments").get(0).path("trackingNumber").asText();
        assertThat(api.carrierEvent(tracking, "SHIPPED").status()).isEqualTo(202);
        api.awaitOrder(id, "SHIPPED and captured", o -> "SHIPPED".equals(o.path("status").asText())
                && "CAPTURED".equals(o.path("payment").path("status").asText()));
        assertThat(api.carrierEvent(tracking, "DELIVERED").status()).isEqualTo(202);
        api.awaitStatus(id, "DELIVERED");
        return id;
    }

    private Response requestReturn(String apiKey, String orderId, String lineId, int quantity) {
        ObjectNode body = JSON.createObjectNode().put("reason", "does not fit");
        body.putArray("lines").addObject().put("lineId", lineId).put("quantity", quantity);
        return api.post(apiKey, "/api/v1/orders/" + orderId + "/returns", body);
    }

    private Response readReturn(String apiKey, String orderId, String returnId) {
        return api.get(apiKey, "/api/v1/orders/" + orderId + "/returns/" + returnId);
    }

    /** Completes the order's inspection task through /engine-rest, as Tasklist does. */
    private void completeInspection(String orderId, String outcome) {
        String taskId = await("inspection task of " + orderId).atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> api.engine(HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + orderId
                        + "&taskDefinitionKey=Task_InspectReturn", null).json(), tasks -> tasks.size() == 1)
                .get(0).path("id").asText();
        Response completed = api.engine(HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "inspectionOutcome", Map.of("value", outcome), "inspectionComment", Map.of("value", "checked"))));
        assertThat(completed.status()).as(completed.toString()).isIn(200, 204);
    }
}
