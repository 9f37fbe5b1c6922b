package dev.ordo.api;

import static dev.ordo.api.ApiSupport.PROCESS_TIMEOUT;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Orders driven end to end by the job executor and by carrier events over HTTP: the happy path,
 * a declined card, an unavailable payment provider, and an order split over two warehouses.
 */
class OrderLifecycleApiTest extends ApiTestBase {
    @Test
    void aPaidOrderIsConfirmedShippedAndDeliveredAndARepeatedCarrierEventHasNoSecondEffect() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku)); // 2 x 19.99

        JsonNode confirmed = api.awaitOrder(id, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1
                && "LABEL_CREATED".equals(o.path("shipments").get(0).path("status").asText()));

        assertThat(confirmed.path("payment").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(confirmed.path("payment").path("authorized").asText()).isEqualTo("39.98");
        assertThat(confirmed.path("lines").get(0).path("status").asText()).isEqualTo("RESERVED");
        JsonNode shipment = confirmed.path("shipments").get(0);
        String tracking = shipment.path("trackingNumber").asText();
        assertThat(tracking).isNotBlank();
        assertThat(shipment.path("id").asText()).isNotBlank();
        assertThat(shipment.path("warehouseId").asText()).isEqualTo("us-east");
        assertThat(shipment.path("carrier").asText()).isNotBlank();
        assertThat(shipment.path("service").asText()).isNotBlank();
        assertThat(shipment.path("lines")).hasSize(1);
        assertThat(shipment.path("lines").get(0).path("lineId").asText())
                .isEqualTo(confirmed.path("lines").get(0).path("lineId").asText());
        assertThat(shipment.path("lines").get(0).path("sku").asText()).isEqualTo(sku);
        assertThat(shipment.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(api.stock("us-east", sku).path("reserved").asInt()).isEqualTo(2);

        Response shipped = api.carrierEvent(tracking, "SHIPPED");

        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(202);
        JsonNode afterShipping = api.awaitOrder(id, "SHIPPED and captured", o -> "SHIPPED".equals(o.path("status").asText())
                && "CAPTURED".equals(o.path("payment").path("status").asText()));
        assertThat(afterShipping.path("payment").path("captured").asText()).isEqualTo("39.98");
        assertThat(afterShipping.path("shipments").get(0).path("status").asText()).isEqualTo("SHIPPED");
        JsonNode stock = api.stock("us-east", sku);
        assertThat(stock.path("onHand").asInt()).isEqualTo(8);
        assertThat(stock.path("reserved").asInt()).isZero();
        assertThat(stock.path("available").asInt()).isEqualTo(8);

        Response delivered = api.carrierEvent(tracking, "DELIVERED");

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(202);
        JsonNode done = api.awaitStatus(id, "DELIVERED");
        assertThat(done.path("shipments").get(0).path("status").asText()).isEqualTo("DELIVERED");

        Response deliveredAgain = api.carrierEvent(tracking, "DELIVERED");
        Response shippedAgain = api.carrierEvent(tracking, "SHIPPED");

        assertThat(deliveredAgain.status()).as(deliveredAgain.toString()).isEqualTo(202);
        assertThat(shippedAgain.status()).as(shippedAgain.toString()).isEqualTo(202);
        JsonNode after = api.order(id);
        assertThat(after.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(after.path("shipments").get(0).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(after.path("payment").path("captured").asText()).isEqualTo("39.98");
        assertThat(api.stock("us-east", sku).path("onHand").asInt()).isEqualTo(8);
        List<String> types = types(api.timeline(id));
        assertThat(types).filteredOn("SHIPMENT_DELIVERED"::equals).hasSize(1);
        assertThat(types).filteredOn("SHIPMENT_SHIPPED"::equals).hasSize(1);
        assertThat(types).filteredOn("PAYMENT_CAPTURED"::equals).hasSize(1);
        assertThat(statuses(api.timeline(id))).containsSubsequence("RECEIVED", "CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void aCarrierEventForAnUnknownTrackingNumberIs404() {
        Response unknown = api.carrierEvent("NO-SUCH-TRACKING-" + java.util.UUID.randomUUID(), "SHIPPED");

        assertProblem(unknown, 404);
    }

    @Test
    void aCarrierEventWithAnInvalidStatusOrWithoutTrackingNumberIs400() {
        Response invalidStatus = api.post(ApiSupport.CARRIER, "/api/v1/carrier-events",
                Map.of("trackingNumber", "1Z999", "status", "LOST_IN_SPACE"));
        Response noTracking = api.post(ApiSupport.CARRIER, "/api/v1/carrier-events", Map.of("status", "SHIPPED"));

        assertProblem(invalidStatus, 400);
        assertThat(invalidStatus.errorFields()).containsExactly("status");
        assertProblem(noTracking, 400);
        assertThat(noTracking.errorFields()).containsExactly("trackingNumber");
    }

    @Test
    void aDeclinedCardRejectsTheOrderAndReleasesItsStock() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(with(orderOf(newCustomer(), sku), "payment.token", "tok_declined"));

        JsonNode rejected = api.awaitStatus(id, "REJECTED");

        assertThat(rejected.path("payment").path("status").asText()).isEqualTo("DECLINED");
        assertThat(rejected.path("shipments")).isEmpty();
        await("reservation released").atMost(PROCESS_TIMEOUT)
                .untilAsserted(() -> assertThat(api.stock("us-east", sku).path("reserved").asInt()).isZero());
        assertThat(api.stock("us-east", sku).path("onHand").asInt()).isEqualTo(10);
        assertThat(types(api.timeline(id))).contains("PAYMENT_DECLINED");
    }

    @Test
    void anUnavailablePaymentProviderBecomesAnIncidentNamingTheOrderTheGatewayAndTheCause() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(with(orderOf(newCustomer(), sku), "payment.token", "tok_unavailable"));

        // The order's own process and the processes it calls (screening, fulfilment) all carry the order id
        // as business key, which is how operators find every part of an order in Cockpit.
        JsonNode incident = await("incident after the retries for " + id).atMost(PROCESS_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Response instances = api.getBasic("demo", "demo", "/engine-rest/process-instance?businessKey=" + id);
                    if (instances.status() != 200) return null;
                    for (JsonNode instance : instances.json()) {
                        Response incidents = api.getBasic("demo", "demo",
                                "/engine-rest/incident?processInstanceId=" + instance.path("id").asText());
                        if (incidents.status() != 200) continue;
                        for (JsonNode candidate : incidents.json()) { // the root cause, not its copy on the calling activity
                            if (candidate.path("id").asText().equals(candidate.path("rootCauseIncidentId").asText())) return candidate;
                        }
                    }
                    return null;
                }, i -> i != null);
        assertThat(incident.path("incidentType").asText()).isEqualTo("failedJob");
        assertThat(incident.path("activityId").asText()).isEqualTo("Task_AuthorizePayment");
        assertThat(incident.path("incidentMessage").asText())
                .contains(id)
                .containsIgnoringCase("payment gateway")
                .contains("unavailable");
        JsonNode order = api.order(id);
        assertThat(order.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(order.path("payment").path("status").asText()).isEqualTo("PENDING");
        assertThat(api.get(WEB, "/api/v1/orders/" + id).status()).isEqualTo(200);
        assertThat(api.get(WEB, "/api/v1/orders/" + id + "/events").status()).isEqualTo(200);
    }

    @Test
    void anOrderSplitOverTwoWarehousesGetsTwoShipmentsAndIsPartiallyShippedAfterTheFirst() {
        String east = api.newProductIn("us-east", 5);
        String west = api.newProductIn("us-west", 5);
        String id = api.place(orderOf(newCustomer(), east, west));

        JsonNode confirmed = api.awaitOrder(id, "two labelled shipments", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 2
                && StreamSupport.stream(o.path("shipments").spliterator(), false)
                        .allMatch(s -> "LABEL_CREATED".equals(s.path("status").asText())));

        JsonNode fromEast = shipmentFrom(confirmed, "us-east");
        JsonNode fromWest = shipmentFrom(confirmed, "us-west");
        assertThat(fromEast.path("lines")).hasSize(1);
        assertThat(fromEast.path("lines").get(0).path("sku").asText()).isEqualTo(east);
        assertThat(fromWest.path("lines").get(0).path("sku").asText()).isEqualTo(west);
        assertThat(fromEast.path("trackingNumber").asText()).isNotEqualTo(fromWest.path("trackingNumber").asText());

        assertThat(api.carrierEvent(fromEast.path("trackingNumber").asText(), "SHIPPED").status()).isEqualTo(202);

        JsonNode partial = api.awaitOrder(id, "PARTIALLY_SHIPPED and partly captured",
                o -> "PARTIALLY_SHIPPED".equals(o.path("status").asText())
                        && "PARTIALLY_CAPTURED".equals(o.path("payment").path("status").asText()));
        assertThat(partial.path("payment").path("captured").asText()).isEqualTo("39.98");
        assertThat(api.stock("us-east", east).path("onHand").asInt()).isEqualTo(3);
        assertThat(api.stock("us-west", west).path("onHand").asInt()).isEqualTo(5);

        assertThat(api.carrierEvent(fromWest.path("trackingNumber").asText(), "SHIPPED").status()).isEqualTo(202);

        JsonNode shipped = api.awaitOrder(id, "SHIPPED and fully captured", o -> "SHIPPED".equals(o.path("status").asText())
                && "CAPTURED".equals(o.path("payment").path("status").asText()));
        assertThat(shipped.path("payment").path("captured").asText()).isEqualTo("79.96");
    }

    private static JsonNode shipmentFrom(JsonNode order, String warehouseId) {
        return StreamSupport.stream(order.path("shipments").spliterator(), false)
                .filter(s -> warehouseId.equals(s.path("warehouseId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no shipment from " + warehouseId + " in " + order));
    }

    private static List<String> types(JsonNode timeline) {
        return StreamSupport.stream(timeline.spliterator(), false).map(e -> e.path("type").asText()).toList();
    }

    private static List<String> statuses(JsonNode timeline) {
        return StreamSupport.stream(timeline.spliterator(), false).map(e -> e.path("status").asText(null))
                .filter(s -> s != null).toList();
    }
}
