package dev.ordo.shipping;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CancelLabels (order cancelled): every shipment of the order that was not handed to the carrier
 * becomes CANCELLED, and its label, if it has one, is cancelled at the carrier with the key
 * {@code <shipmentId>:cancel-label} (a retry cancels nothing twice). Works from Ordo's shipments table,
 * so it needs nothing from the interrupted called processes.
 */
@Component
class CancelLabelsDelegate implements JavaDelegate {
    private final CarrierGateway carriers;
    private final ShipmentStore shipments;
    private final OrderStore orders;
    private final AdapterCalls calls;

    CancelLabelsDelegate(CarrierGateway carriers, ShipmentStore shipments, OrderStore orders, AdapterCalls calls) {
        this.carriers = carriers;
        this.shipments = shipments;
        this.orders = orders;
        this.calls = calls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        for (ShipmentStore.Shipment shipment : shipments.lockOfOrder(orderId)) {
            if (shipment.status().handedToCarrier()) continue;
            if (shipment.trackingNumber() != null && !eventRecorded(orderId, shipment.id())) {
                try {
                    calls.record("carrier", "cancel_label", () -> {
                        carriers.cancelLabel(shipment.id() + ":cancel-label", shipment.carrier(), shipment.trackingNumber());
                        return null;
                    });
                } catch (CarrierException e) {
                    throw new AdapterFailure(orderId, carriers.name(), "cancel the label " + shipment.trackingNumber(), e);
                }
                orders.recordEvent(orderId, "LABEL_CANCELLED", null, "Shipment " + shipment.id() + ": "
                        + shipment.carrier() + " label " + shipment.trackingNumber() + " cancelled");
            }
            if (shipment.status() != ShipmentStatus.CANCELLED) {
                shipments.setStatus(shipment.id(), ShipmentStatus.CANCELLED);
            }
        }
    }

    private boolean eventRecorded(String orderId, String shipmentId) {
        return orders.timeline(orderId).stream().anyMatch(e -> "LABEL_CANCELLED".equals(e.type())
                && e.detail() != null && e.detail().startsWith("Shipment " + shipmentId + ":"));
    }
}
