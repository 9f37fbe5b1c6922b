package dev.ordo.api;

import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** {@code POST /api/v1/orders/{id}/modifications} (shipping address) over HTTP, with the job executor running. */
class ModificationApiTest extends ApiTestBase {
    private static String modifications(String id) {
        return "/api/v1/orders/" + id + "/modifications";
    }

    private static Map<String, Object> lasVegas() {
        Map<String, Object> address = new HashMap<>(Map.of("name", "Grace Hopper", "line1", "9 Strip Ave",
                "city", "Las Vegas", "region", "nv", "postalCode", "89101", "country", "US"));
        return address;
    }

    @Test
    void aCustomerCanChangeTheAddressOfAnUnshippedOrderAndItShipsThereTheSameRequestAfterShippedGets409() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));
        api.awaitOrder(id, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && "LABEL_CREATED".equals(o.path("shipments").path(0).path("status").asText()));
        var shipment = api.order(id).path("shipments").get(0);
        String oldTracking = shipment.path("trackingNumber").asText();

        var changed = api.post(WEB, modifications(id), Map.of("shippingAddress", lasVegas()));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        var order = changed.json();
        assertThat(order.path("shippingAddress").path("city").asText()).isEqualTo("Las Vegas");
        assertThat(order.path("shippingAddress").path("region").asText()).isEqualTo("NV");
        var relabelled = order.path("shipments").get(0);
        assertThat(relabelled.path("id").asText()).isEqualTo(shipment.path("id").asText());
        assertThat(relabelled.path("status").asText()).isEqualTo("LABEL_CREATED");
        String newTracking = relabelled.path("trackingNumber").asText();
        assertThat(newTracking).isNotBlank().isNotEqualTo(oldTracking);
        assertThat(api.timeline(id).toString()).contains("SHIPPING_ADDRESS_CHANGED", "LABEL_REPLACED");

        // The replaced label is unknown to Ordo now; the new one ships and delivers the order.
        assertThat(api.carrierEvent(oldTracking, "SHIPPED").status()).isEqualTo(404);
        assertThat(api.carrierEvent(newTracking, "SHIPPED").status()).isEqualTo(202);
        api.awaitStatus(id, "SHIPPED");

        var refused = api.post(WEB, modifications(id), Map.of("shippingAddress", lasVegas()));
        assertProblem(refused, 409);
        assertThat(refused.json().path("detail").asText()).contains("handed to the carrier");

        assertThat(api.carrierEvent(newTracking, "DELIVERED").status()).isEqualTo(202);
        var delivered = api.awaitStatus(id, "DELIVERED");
        assertThat(delivered.path("shippingAddress").path("city").asText()).isEqualTo("Las Vegas");
    }

    @Test
    void badRequestsAreRefused() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));

        var badCountry = lasVegas();
        badCountry.put("country", "XX");
        var refused = api.post(WEB, modifications(id), Map.of("shippingAddress", badCountry));
        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("shippingAddress.country");
        var noCity = lasVegas();
        noCity.remove("city");
        refused = api.post(WEB, modifications(id), Map.of("shippingAddress", noCity));
        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("shippingAddress.city");
        refused = api.post(WEB, modifications(id), Map.of());
        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("shippingAddress");

        assertThat(api.call(HttpMethod.POST, modifications(id), Map.of(),
                ApiSupport.write(Map.of("shippingAddress", lasVegas()))).status()).as("no key").isEqualTo(401);
        assertThat(api.post(ApiSupport.OPS, modifications(id), Map.of("shippingAddress", lasVegas())).status()).as("ops").isEqualTo(403);
        assertThat(api.post(ApiSupport.CARRIER, modifications(id), Map.of("shippingAddress", lasVegas())).status()).isEqualTo(403);
        assertProblem(api.post(WEB, modifications("no-such-order"), Map.of("shippingAddress", lasVegas())), 404);
        assertProblem(api.post(ApiSupport.MARKETPLACE, modifications(id), Map.of("shippingAddress", lasVegas())), 404);
        assertThat(api.order(id).path("shippingAddress").path("city").asText()).isEqualTo("Newark");
    }
}
