package dev.ordo.api;

import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.payment.SimulatedPaymentGateway;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Line changes through {@code POST /api/v1/orders/{id}/modifications} over HTTP, with the job executor running. */
class LineChangeApiTest extends ApiTestBase {
    @Autowired
    SimulatedPaymentGateway paymentSimulator;

    private static String modifications(String id) {
        return "/api/v1/orders/" + id + "/modifications";
    }

    private static Map<String, Object> lines(Map<?, ?>... lines) {
        return Map.of("lines", List.of(lines));
    }

    private static int shipped(JsonNode order) {
        return StreamSupport.stream(order.path("shipments").path(0).path("lines").spliterator(), false)
                .mapToInt(l -> l.path("quantity").asInt()).sum();
    }

    private long timelineCount(String id, String type) {
        return StreamSupport.stream(api.timeline(id).spliterator(), false).filter(e -> type.equals(e.path("type").asText())).count();
    }

    @Test
    void anIncreaseIsReservedAuthorizedRelabelledShippedAndCapturedAndTheSameRequestAgainChangesNothing() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.placeLabelled(orderOf(newCustomer(), sku));
        String oldTracking = api.order(id).path("shipments").get(0).path("trackingNumber").asText();

        var changed = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", 3)));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        var order = changed.json();
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(order.path("total").asText()).isEqualTo("59.97");
        assertThat(order.path("payment").path("authorized").asText()).isEqualTo("59.97");
        assertThat(shipped(order)).isEqualTo(3);
        String newTracking = order.path("shipments").get(0).path("trackingNumber").asText();
        assertThat(newTracking).isNotEqualTo(oldTracking);
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isEqualTo(3);

        var again = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", 3)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("shipments").get(0).path("trackingNumber").asText()).isEqualTo(newTracking);
        assertThat(timelineCount(id, "LINES_CHANGED")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(id, "AUTHORIZE")).isEqualTo(2);

        var delivered = api.shipAndDeliver(id);
        assertThat(delivered.path("payment").path("captured").asText()).isEqualTo("59.97");
        assertThat(api.stock("us-east", sku).path("onHand").asInt()).isEqualTo(7);
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isZero();

        var tooLate = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", 1)));
        assertProblem(tooLate, 409);
        assertThat(tooLate.json().path("detail").asText()).contains("handed to the carrier");
    }

    @Test
    void anIdempotencyKeyReusedForAnotherModificationIsRefusedWith422AndChangesNothing() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.placeLabelled(orderOf(newCustomer(), sku));
        String key = "modify-" + java.util.UUID.randomUUID();

        assertThat(api.post(WEB, modifications(id), key, lines(Map.of("sku", sku, "quantity", 3))).status()).isEqualTo(200);
        var retried = api.post(WEB, modifications(id), key, lines(Map.of("sku", sku, "quantity", 3)));
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.json().path("lines").get(0).path("quantity").asInt()).isEqualTo(3);

        var otherBody = api.post(WEB, modifications(id), key, lines(Map.of("sku", sku, "quantity", 1)));
        assertProblem(otherBody, 422);
        assertThat(otherBody.errorFields()).containsExactly("Idempotency-Key");
        assertThat(api.order(id).path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(timelineCount(id, "LINES_CHANGED")).isEqualTo(1);
    }

    @Test
    void aDecreaseAndANewLineCaptureTheNewTotalAndVoidTheSurplus() {
        String sku = api.newProductIn("us-east", 10);
        String added = api.newProductIn("us-east", 10);
        String id = api.placeLabelled(orderOf(newCustomer(), sku));

        var changed = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", 1),
                Map.of("sku", added, "quantity", 2, "unitPrice", "5.00")));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().path("total").asText()).isEqualTo("29.99");
        assertThat(changed.json().path("payment").path("authorized").asText()).as("no new authorization").isEqualTo("39.98");
        assertThat(shipped(changed.json())).isEqualTo(3);
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isEqualTo(1);
        assertThat(api.stock("us-east", added).path("reserved").asInt()).isEqualTo(2);

        var removed = api.post(WEB, modifications(id), lines(Map.of("sku", added, "quantity", 0)));
        assertThat(removed.status()).as("%s", removed).isEqualTo(200);
        assertThat(removed.json().path("total").asText()).isEqualTo("19.99");
        assertThat(removed.json().path("lines").get(1).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.stock("us-east", added).path("reserved").asInt()).isZero();

        var delivered = api.shipAndDeliver(id);
        assertThat(delivered.path("payment").path("captured").asText()).isEqualTo("19.99");
        assertThat(api.stock("us-east", added).path("onHand").asInt()).isEqualTo(10);
        assertThat(timelineCount(id, "PAYMENT_VOIDED")).as("the surplus, voided at the end").isEqualTo(1);
    }

    @Test
    void anIncreaseOutOfStockOrDeclinedIsRefusedAndNothingChanges() {
        String sku = api.newProductIn("us-east", 3);
        String id = api.placeLabelled(orderOf(newCustomer(), sku));
        String tracking = api.order(id).path("shipments").get(0).path("trackingNumber").asText();

        var outOfStock = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", 4)));
        assertProblem(outOfStock, 409);
        assertThat(outOfStock.json().path("detail").asText()).contains("not in stock");

        paymentSimulator.declineNext("AUTHORIZE");
        var declined = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", 3)));
        assertProblem(declined, 422);
        assertThat(declined.json().path("detail").asText()).contains("declined");

        var order = api.order(id);
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("total").asText()).isEqualTo("39.98");
        assertThat(order.path("payment").path("authorized").asText()).isEqualTo("39.98");
        assertThat(order.path("payment").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(order.path("shipments").get(0).path("trackingNumber").asText()).isEqualTo(tracking);
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isEqualTo(2);
        assertThat(timelineCount(id, "LINES_CHANGED")).isZero();
    }

    @Test
    void badLinesAreRefusedNamingTheField() {
        String sku = api.newProductIn("us-east", 10);
        String other = api.newProductIn("us-east", 10);
        String id = api.placeLabelled(orderOf(newCustomer(), sku));

        var negative = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", -1)));
        assertProblem(negative, 400);
        assertThat(negative.errorFields()).containsExactly("lines[0].quantity");
        var noSku = api.post(WEB, modifications(id), lines(Map.of("quantity", 1)));
        assertProblem(noSku, 400);
        assertThat(noSku.errorFields()).containsExactly("lines[0].sku");
        var badPrice = api.post(WEB, modifications(id), lines(Map.of("sku", other, "quantity", 1, "unitPrice", "abc")));
        assertProblem(badPrice, 400);
        assertThat(badPrice.errorFields()).containsExactly("lines[0].unitPrice");
        var noPrice = api.post(WEB, modifications(id), lines(Map.of("sku", sku, "quantity", 1), Map.of("sku", other, "quantity", 1)));
        assertProblem(noPrice, 400);
        assertThat(noPrice.errorFields()).containsExactly("lines[1].unitPrice");
        var unknown = api.post(WEB, modifications(id), lines(Map.of("sku", "NO-SUCH-SKU-" + sku, "quantity", 1)));
        assertProblem(unknown, 422);
        assertThat(unknown.errorFields()).containsExactly("lines[0].sku");

        var order = api.order(id);
        assertThat(order.path("lines")).hasSize(1);
        assertThat(order.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
    }
}
