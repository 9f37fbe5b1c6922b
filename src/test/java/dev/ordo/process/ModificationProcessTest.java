package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.order.OrderModification;
import dev.ordo.order.OrderModification.LineChange;
import dev.ordo.order.PlaceOrderRequest;
import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Address changes before shipping: the event subprocess SubProcess_OrderModified of fulfil-order
 * (message OrderModified) re-labels what has a label, and the race with the carrier's SHIPPED event.
 */
class ModificationProcessTest extends ProcessTestSupport {
    private static final PlaceOrderRequest.Address RENO =
            new PlaceOrderRequest.Address("Grace Hopper", "1 Virginia St", null, "Reno", "NV", "89501", "US");

    @Autowired OrderModification modification;
    @Autowired SimulatedPaymentGateway paymentSimulator;
    @Autowired JdbcClient jdbc;

    /** Carrier ledger entries under {@code key}, or under {@code key:<digest>} (label keys end with a digest of the label's destination). */
    private int ledger(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE idempotency_key = ? OR idempotency_key LIKE ?")
                .params(key, key + ":%").query(Integer.class).single();
    }

    private List<String> labelsAtCarrier(String shipmentId) {
        return jdbc.sql("SELECT tracking_number FROM sim_carrier_ledger WHERE idempotency_key LIKE ? AND operation = 'LABEL'")
                .param(shipmentId + ":%").query(String.class).list();
    }

    /** The tracking number of the label made under {@code key:<digest>}. */
    private String ledgerTracking(String key) {
        return jdbc.sql("SELECT tracking_number FROM sim_carrier_ledger WHERE idempotency_key LIKE ?").param(key + ":%")
                .query(String.class).single();
    }

    @Test
    void aRelabelRetriedToAnotherAddressAfterARolledBackAttemptGetsANewLabelForTheNewAddress() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        var before = shipmentsOf(orderId).get(0);
        // Attempt 1: Las Vegas and one more. The carrier makes the Las Vegas label, then voiding the
        // replaced authorization fails (503): everything rolls back, the carrier keeps its label.
        paymentSimulator.failNext("VOID", SimulatedPaymentGateway.Fault.OUTAGE);
        assertThatThrownBy(() -> modification.modify(orderId, LAS_VEGAS, List.of(new LineChange(sku, 2, null))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(503));
        assertThat(shipmentsOf(orderId).get(0).trackingNumber()).isEqualTo(before.trackingNumber());
        assertThat(record(orderId).shippingAddress().city()).isEqualTo("Newark");
        List<String> earlierLabels = labelsAtCarrier(before.id());
        assertThat(earlierLabels).as("the first label and the rolled-back attempt's Las Vegas label").hasSize(2);

        // The retry, under the same modification number (the attempt stored no events), goes to Reno instead.
        assertThat(modification.modify(orderId, RENO, List.of(new LineChange(sku, 2, null)))).isTrue();

        var after = shipmentsOf(orderId).get(0);
        assertThat(after.trackingNumber()).as("not the Las Vegas label").isNotIn(earlierLabels);
        assertThat(labelsAtCarrier(before.id())).hasSize(3).contains(after.trackingNumber());
        assertThat(record(orderId).shippingAddress().city()).isEqualTo("Reno");
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(after.trackingNumber()));
    }

    @Test
    void aLabelledShipmentIsRelabelledToTheNewAddressAndShipsThere() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        var before = shipmentsOf(orderId).get(0);
        assertThat(before.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);

        assertThat(modification.changeAddress(orderId, LAS_VEGAS)).isTrue();

        var after = shipmentsOf(orderId).get(0);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(after.trackingNumber()).isNotEqualTo(before.trackingNumber())
                .isEqualTo(ledgerTracking(before.id() + ":relabel-1:" + before.carrier()));
        assertThat(ledger(before.id() + ":cancel-label-1")).isEqualTo(1);
        assertThat(record(orderId).shippingAddress().city()).isEqualTo("Las Vegas");
        assertThat(record(orderId).shippingAddress().postalCode()).isEqualTo("89101");
        assertThat(passed(orderId)).contains("Event_OrderModified", "Task_ApplyModification", "Event_ModificationApplied");
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).hasSize(1);

        // The same address again: no second effect.
        assertThat(modification.changeAddress(orderId, LAS_VEGAS)).isFalse();
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).hasSize(1);

        // The old label's events have no effect; the new label's move the order on.
        assertThatThrownBy(() -> carrierEvents.handle(before.trackingNumber(), CarrierEvents.Status.SHIPPED, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        assertThat(shipmentsOf(orderId).get(0).status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        carrierReports(after, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("SHIPPED");

        assertThatThrownBy(() -> modification.changeAddress(orderId, NEWARK))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409))
                .hasMessageContaining("handed to the carrier");
        assertThat(record(orderId).shippingAddress().city()).isEqualTo("Las Vegas");

        carrierReports(after, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(incidentsOf(orderId)).isEmpty();
    }

    @Test
    void beforeTheLabelOnlyTheAddressChangesAndTheLabelGoesThere() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        assertThat(shipmentsOf(orderId)).isEmpty();

        assertThat(modification.changeAddress(orderId, LAS_VEGAS)).isTrue();
        runJobs(orderId);

        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(record(orderId).shippingAddress().city()).isEqualTo("Las Vegas");
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).isEmpty();
        assertThat(ledger(shipment.id() + ":label:" + shipment.carrier())).isEqualTo(1);
    }

    @Test
    void anAddressIsCheckedLikeAtPlacement() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        var nowhere = new PlaceOrderRequest.Address("A", "1 St", null, "X", null, "1", "XX");
        assertThatThrownBy(() -> modification.changeAddress(orderId, nowhere))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.errors()).extracting(ApiException.FieldProblem::field).containsExactly("shippingAddress.country");
                });
        assertThat(record(orderId).shippingAddress().city()).isEqualTo("Newark");
    }

    @Test
    void modificationRacingShippedHasExactlyOneOutcome() throws Exception {
        for (int round = 0; round < 20; round++) {
            String sku = product(1200, 5, 0, 0);
            String orderId = place("tok_visa", line(sku, 1, "10.00"));
            runJobs(orderId);
            var shipment = shipmentsOf(orderId).get(0);
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);

            List<Object> outcomes = raceWithShipped(shipment, () -> modification.changeAddress(orderId, LAS_VEGAS));
            runJobs(orderId);
            var now = shipmentsOf(orderId).get(0);
            if (Boolean.TRUE.equals(outcomes.get(0))) {
                assertThat(outcomes.get(1)).as("round %d: SHIPPED for the replaced label has no effect", round).isIn(false, 404);
                assertThat(now.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
                assertThat(now.trackingNumber()).isNotEqualTo(shipment.trackingNumber())
                        .isEqualTo(ledgerTracking(shipment.id() + ":relabel-1:" + shipment.carrier()));
                assertThat(record(orderId).shippingAddress().city()).isEqualTo("Las Vegas");
                assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
            } else {
                assertThat(outcomes).as("round %d", round).containsExactly(409, true);
                assertThat(now.status()).isEqualTo(ShipmentStatus.SHIPPED);
                assertThat(now.trackingNumber()).isEqualTo(shipment.trackingNumber());
                assertThat(record(orderId).shippingAddress().city()).isEqualTo("Newark");
                assertThat(ledger(shipment.id() + ":cancel-label-1")).isZero();
                assertThat(order(orderId).status()).isEqualTo("SHIPPED");
            }
            assertThat(incidentsOf(orderId)).as("round %d", round).isEmpty();
        }
    }
}
