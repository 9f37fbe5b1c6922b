package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/**
 * The delivery-exception paths of processes/ship-from-warehouse.bpmn: an EXCEPTION tracking event
 * opens "Resolve delivery exception"; reship to a corrected address (new label, wait again) or
 * refund the shipment; an exception reported before the capture step ran; a reship without address.
 */
class DeliveryExceptionProcessTest extends ProcessTestSupport {

    @Test
    void undeliverableShipmentIsReshippedToTheCorrectedAddressAndThenDelivered() {
        String orderId = shippedAndCaptured();
        var shipment = shipmentsOf(orderId).get(0);

        carrierReports(shipment, CarrierEvents.Status.EXCEPTION);
        assertThat(carrierEvents.handle(shipment.trackingNumber(), CarrierEvents.Status.EXCEPTION, "again")).isFalse();

        assertThat(waitingAt(orderId)).contains("Task_ResolveDeliveryException");
        var task = taskOf(orderId, "Task_ResolveDeliveryException");
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("customerService").count()).isOne();
        Map<String, Object> shown = engine.getTaskService().getVariables(task.getId());
        assertThat(shown).containsEntry("orderId", orderId).containsEntry("trackingNumber", shipment.trackingNumber())
                .containsEntry("shipToLine1", "1 Main St"); // the current address, pre-filled

        Map<String, Object> reship = new HashMap<>(Map.of("resolution", "reship", "shipToLine1", "12 Broad St", "shipToCity", "Newark",
                "shipToPostalCode", "07104", "shipToCountry", "us", "resolutionComment", "customer gave the right number"));
        engine.getTaskService().complete(task.getId(), reship);
        runJobs(orderId);

        var reshipped = shipments.get(shipment.id());
        assertThat(reshipped.trackingNumber()).isNotEqualTo(shipment.trackingNumber());
        assertThat(reshipped.status()).isEqualTo(ShipmentStatus.SHIPPED);
        assertThat(record(orderId).shippingAddress().line1()).isEqualTo("12 Broad St");
        assertThat(record(orderId).shippingAddress().postalCode()).isEqualTo("07104");
        assertThat(record(orderId).shippingAddress().country()).isEqualTo("US");
        assertThat(waitingAt(orderId)).contains("Gateway_DeliveredOrException");
        assertThat(eventsOf(orderId, "SHIPMENT_RESHIPPED")).hasSize(1);

        carrierReports(reshipped, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        assertThat(passed(orderId)).contains("Event_ShipmentException", "Task_ResolveDeliveryException", "Task_ReshipShipment",
                "Event_ShipmentDelivered", "Event_ShipmentCompleted");
    }

    @Test
    void undeliverableShipmentIsRefundedAndCancelled() {
        String orderId = shippedAndCaptured();
        var shipment = shipmentsOf(orderId).get(0);
        carrierReports(shipment, CarrierEvents.Status.EXCEPTION);

        engine.getTaskService().complete(taskOf(orderId, "Task_ResolveDeliveryException").getId(), Map.of("resolution", "refund"));
        runJobs(orderId);

        assertThat(shipments.get(shipment.id()).status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(order(orderId).payment().status()).isEqualTo("REFUNDED");
        assertThat(order(orderId).payment().refunded()).isEqualTo("39.98");
        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_RefundShipment", "Event_ShipmentRefunded").doesNotContain("Task_ReshipShipment");
    }

    @Test
    void anExceptionReportedBeforeTheCaptureStepStillOpensTheTask() {
        String sku = product(800, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "19.99"));
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);
        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        carrierReports(shipment, CarrierEvents.Status.EXCEPTION); // before commit and capture ran

        runJobs(orderId);

        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        assertThat(waitingAt(orderId)).contains("Task_ResolveDeliveryException");
        assertThat(passed(orderId)).doesNotContain("Event_ShipmentException");
    }

    @Test
    void aReshipNeedsACompleteAddressAndAResolutionIsRequired() {
        String orderId = shippedAndCaptured();
        carrierReports(shipmentsOf(orderId).get(0), CarrierEvents.Status.EXCEPTION);
        String taskId = taskOf(orderId, "Task_ResolveDeliveryException").getId();

        assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("resolution", "later")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("reship or refund");
        assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("resolution", "reship", "shipToLine1", " ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("shipToLine1");
        assertThat(taskOf(orderId, "Task_ResolveDeliveryException")).isNotNull();
    }

    /** A standard order to Newark (2 x 19.99), shipped and captured, waiting for delivery. */
    private String shippedAndCaptured() {
        String sku = product(800, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "19.99"));
        runJobs(orderId);
        carrierReports(shipmentsOf(orderId).get(0), CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        return orderId;
    }
}
