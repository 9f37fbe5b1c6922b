package dev.ordo.api;

import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** {@code POST /api/v1/orders/{id}/holds} and {@code DELETE .../holds/{holdId}} over HTTP, with the job executor running. */
class HoldsApiTest extends ApiTestBase {
    private static String holds(String id) {
        return "/api/v1/orders/" + id + "/holds";
    }

    @Test
    void aHeldOrderIsOnHoldUntilReleasedThenPlansItsShipments() {
        // Backordered first, so the hold is certainly in place before the order reaches the hold check.
        String sku = api.newProductIn("us-east", 0);
        String id = api.place(orderOf(newCustomer(), sku));
        api.awaitStatus(id, "BACKORDERED");

        var placed = api.post(OPS, holds(id), Map.of("reason", "ADDRESS_CHECK", "note", "no apartment number"));
        assertThat(placed.status()).as("%s", placed).isEqualTo(201);
        String holdId = placed.json().path("id").asText();
        assertThat(placed.json().path("reason").asText()).isEqualTo("ADDRESS_CHECK");
        assertThat(placed.json().path("placedAt").asText()).isNotBlank();
        assertThat(placed.headers().getLocation()).hasToString(holds(id) + "/" + holdId);

        api.setStock("us-east", sku, 10);
        var held = api.awaitStatus(id, "ON_HOLD");
        assertThat(held.path("shipments").size()).isZero();
        assertThat(held.path("holds").size()).isEqualTo(1);
        assertThat(held.path("holds").get(0).path("id").asText()).isEqualTo(holdId);
        assertThat(held.path("holds").get(0).path("reason").asText()).isEqualTo("ADDRESS_CHECK");
        assertThat(held.path("holds").get(0).path("note").asText()).isEqualTo("no apartment number");

        var released = api.delete(OPS, holds(id) + "/" + holdId);
        assertThat(released.status()).as("%s", released).isEqualTo(200);
        assertThat(released.json().path("holds").size()).isZero();
        assertThat(api.delete(OPS, holds(id) + "/" + holdId).status()).as("again").isEqualTo(200);

        var confirmed = api.awaitOrder(id, "CONFIRMED with a shipment", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1);
        assertThat(confirmed.path("holds").size()).isZero();
    }

    @Test
    void badRequestsAreRefused() {
        String sku = api.newProductIn("us-east", 0);
        String id = api.place(orderOf(newCustomer(), sku));

        var unknownReason = api.post(OPS, holds(id), Map.of("reason", "BORED"));
        assertProblem(unknownReason, 400);
        assertThat(unknownReason.errorFields()).contains("reason");
        var noReason = api.post(OPS, holds(id), Map.of("note", "x"));
        assertProblem(noReason, 400);
        assertThat(noReason.errorFields()).contains("reason");
        assertThat(api.call(HttpMethod.POST, holds(id), Map.of(), "{\"reason\":\"FRAUD_CHECK\"}").status())
                .as("no key").isEqualTo(401);
        assertThat(api.post(WEB, holds(id), Map.of("reason", "FRAUD_CHECK")).status()).as("storefront").isEqualTo(403);
        assertThat(api.post(ApiSupport.CARRIER, holds(id), Map.of("reason", "FRAUD_CHECK")).status()).isEqualTo(403);
        assertProblem(api.post(OPS, holds("no-such-order"), Map.of("reason", "FRAUD_CHECK")), 404);

        var placed = api.post(OPS, holds(id), Map.of("reason", "FRAUD_CHECK"));
        assertThat(placed.status()).as("%s", placed).isEqualTo(201);
        String holdId = placed.json().path("id").asText();
        assertThat(api.delete(WEB, holds(id) + "/" + holdId).status()).as("storefront").isEqualTo(403);
        assertThat(api.call(HttpMethod.DELETE, holds(id) + "/" + holdId, Map.of(), null).status()).as("no key").isEqualTo(401);
        assertProblem(api.delete(OPS, holds(id) + "/no-such-hold"), 404);
        assertProblem(api.delete(OPS, holds("no-such-order") + "/" + holdId), 404);

        assertThat(api.post(WEB, "/api/v1/orders/" + id + "/cancellation", Map.of("reason", "changed my mind")).status())
                .isEqualTo(200);
        api.awaitStatus(id, "CANCELLED");
        var ended = api.post(OPS, holds(id), Map.of("reason", "PAYMENT_ISSUE"));
        assertProblem(ended, 409);
    }
}
