package dev.ordo.api;

import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** {@code POST /api/v1/orders/{id}/cancellation} over HTTP, with the job executor running. */
class CancellationApiTest extends ApiTestBase {
    private String cancellation(String id) {
        return "/api/v1/orders/" + id + "/cancellation";
    }

    @Test
    void aConfirmedOrderIsCancelledItsLabelCancelledAndItsPaymentVoided() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));
        api.awaitOrder(id, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && "LABEL_CREATED".equals(o.path("shipments").path(0).path("status").asText()));
        String tracking = api.order(id).path("shipments").get(0).path("trackingNumber").asText();

        ApiSupport.Response cancelled = api.post(WEB, cancellation(id), Map.of("reason", "changed my mind"));
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(cancelled.json().path("id").asText()).isEqualTo(id);
        assertThat(api.post(WEB, cancellation(id), Map.of("reason", "again")).status()).as("repeat").isEqualTo(200);

        var done = api.awaitStatus(id, "CANCELLED");
        assertThat(done.path("payment").path("status").asText()).isEqualTo("VOIDED");
        assertThat(done.path("shipments").get(0).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isZero();
        assertThat(api.carrierEvent(tracking, "SHIPPED").status()).as("no effect, accepted").isEqualTo(202);
        assertThat(api.order(id).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void whatHasShippedIsRefusedWith409() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));
        api.awaitOrder(id, "CONFIRMED with a label", o -> "LABEL_CREATED".equals(o.path("shipments").path(0).path("status").asText()));
        String tracking = api.order(id).path("shipments").get(0).path("trackingNumber").asText();
        assertThat(api.carrierEvent(tracking, "SHIPPED").status()).isEqualTo(202);

        var refused = api.post(WEB, cancellation(id), Map.of("reason", "too late"));
        assertProblem(refused, 409);
        assertThat(refused.json().path("detail").asText()).contains("use a return");
    }

    @Test
    void cancellingPartOfALineLeavesTheRestToShipAndCapturesTheRemainingTotal() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.placeLabelled(orderOf(newCustomer(), sku));
        String lineId = api.order(id).path("lines").get(0).path("lineId").asText();

        var cancelled = api.post(WEB, cancellation(id), Map.of("reason", "one is enough",
                "lines", List.of(Map.of("lineId", lineId, "quantity", 1))));
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        var order = cancelled.json();
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(1);
        assertThat(order.path("total").asText()).isEqualTo("19.99");
        assertThat(order.path("shipments").get(0).path("lines").get(0).path("quantity").asInt()).isEqualTo(1);
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isEqualTo(1);

        var done = api.shipAndDeliver(id);
        assertThat(done.path("payment").path("captured").asText()).isEqualTo("19.99");
        assertThat(api.stock("us-east", sku).path("onHand").asInt()).isEqualTo(9);
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isZero();
    }

    @Test
    void aPartialCancellationRetriedWithTheSameIdempotencyKeyReducesTheLineOnlyOnce() throws Exception {
        String sku = api.newProductIn("us-east", 10);
        var four = orderOf(newCustomer(), sku);
        ((com.fasterxml.jackson.databind.node.ObjectNode) four.path("lines").get(0)).put("quantity", 4).put("unitPrice", "10.00");
        String id = api.placeLabelled(four);
        String lineId = api.order(id).path("lines").get(0).path("lineId").asText();
        var oneLess = Map.of("reason", "one less", "lines", List.of(Map.of("lineId", lineId, "quantity", 1)));
        String key = "cancel-" + UUID.randomUUID();

        var first = api.post(WEB, cancellation(id), key, oneLess);
        var retried = api.post(WEB, cancellation(id), key, oneLess);

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.json().path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(retried.json().path("total").asText()).isEqualTo("30.00");
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isEqualTo(3);

        var racing = List.of(CompletableFuture.supplyAsync(() -> api.post(WEB, cancellation(id), key + "-2", oneLess)),
                CompletableFuture.supplyAsync(() -> api.post(WEB, cancellation(id), key + "-2", oneLess)));
        for (var response : racing) {
            assertThat(response.get().status()).as("%s", response.get()).isEqualTo(200);
        }
        assertThat(api.order(id).path("lines").get(0).path("quantity").asInt()).as("one of the two racing").isEqualTo(2);

        var otherBody = api.post(WEB, cancellation(id), key, Map.of("reason", "one less",
                "lines", List.of(Map.of("lineId", lineId, "quantity", 2))));
        assertProblem(otherBody, 422);
        assertThat(otherBody.errorFields()).containsExactly("Idempotency-Key");
        assertProblem(api.post(WEB, cancellation(id), " ", oneLess), 400);
        assertThat(api.order(id).path("lines").get(0).path("quantity").asInt()).isEqualTo(2);

        var withoutKey = api.post(WEB, cancellation(id), oneLess);
        assertThat(withoutKey.json().path("lines").get(0).path("quantity").asInt()).as("no key: each request counts").isEqualTo(1);
    }

    @Test
    void badRequestsAreRefused() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));

        assertProblem(api.post(WEB, cancellation(id), Map.of()), 400);
        assertProblem(api.post(WEB, cancellation(id), Map.of("reason", " ")), 400);
        assertThat(api.call(HttpMethod.POST, cancellation(id), Map.of(),
                "{\"reason\":\"x\"}").status()).as("no key").isEqualTo(401);
        assertThat(api.post(ApiSupport.OPS, cancellation(id), Map.of("reason", "ops")).status()).as("ops").isEqualTo(403);
        assertThat(api.post(ApiSupport.CARRIER, cancellation(id), Map.of("reason", "carrier")).status()).isEqualTo(403);
        assertProblem(api.post(WEB, cancellation("no-such-order"), Map.of("reason", "x")), 404);
        assertProblem(api.post(ApiSupport.MARKETPLACE, cancellation(id), Map.of("reason", "not mine")), 404);
        assertProblem(api.post(WEB, cancellation(id), Map.of("reason", "x",
                "lines", List.of(Map.of("lineId", "l-1", "quantity", 1)))), 422);
        String lineId = api.order(id).path("lines").get(0).path("lineId").asText();
        int quantity = api.order(id).path("lines").get(0).path("quantity").asInt();
        assertProblem(api.post(WEB, cancellation(id), Map.of("reason", "x",
                "lines", List.of(Map.of("lineId", lineId, "quantity", quantity + 1)))), 422);
        assertProblem(api.post(WEB, cancellation(id), Map.of("reason", "x",
                "lines", List.of(Map.of("lineId", lineId, "quantity", 0)))), 400);
        api.awaitOrder(id, "planned", o -> o.path("shipments").size() > 0);
        var planned = api.post(WEB, cancellation(id), Map.of("reason", "x",
                "lines", List.of(Map.of("lineId", lineId, "quantity", quantity))));
        assertProblem(planned, 409);
        assertThat(api.order(id).path("status").asText()).isNotEqualTo("CANCELLED");
    }
}
