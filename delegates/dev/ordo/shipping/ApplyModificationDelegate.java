package dev.ordo.shipping;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ApplyModification (fulfil-order, event subprocess "Order modified", message OrderModified):
 * runs inside the modification's transaction, which holds the order's shipment rows. Every shipment
 * of the order that has a label and is not yet with the carrier (LABEL_CREATED) gets a new label to
 * the order's new shipping address with the same carrier and service: the old label is cancelled
 * under {@code <shipmentId>:cancel-label-<n>}, the new one created with {@link Labels} under
 * {@code <shipmentId>:relabel-<n>:<carrier>}, {@code n} counting the order's address changes. The
 * shipment keeps its id, so the shipment process keeps waiting for {@code ShipmentShipped-<id>};
 * the carrier's events now come with the new tracking number (CarrierEvents ignores the old one).
 * Shipments without a label need nothing: their label step reads the new address. Each shipment is
 * re-labelled once per modification, also when two fulfilments (a backordered remainder) listen.
 */
@Component
class ApplyModificationDelegate implements JavaDelegate {
    static final String LABEL_REPLACED = "LABEL_REPLACED";

    private final CarrierGateway carriers;
    private final ShipmentStore shipments;
    private final OrderStore orders;
    private final AdapterCalls calls;
    private final Labels labels;

    ApplyModificationDelegate(CarrierGateway carriers, ShipmentStore shipments, OrderStore orders, AdapterCalls calls,
            Labels labels) {
        this.carriers = carriers;
        this.shipments = shipments;
        this.orders = orders;
        this.calls = calls;
        this.labels = labels;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        var timeline = orders.timeline(orderId);
        long n = timeline.stream().filter(e -> "SHIPPING_ADDRESS_CHANGED".equals(e.type())).count();
        for (ShipmentStore.Shipment shipment : shipments.lockOfOrder(orderId)) {
            if (shipment.status() != ShipmentStatus.LABEL_CREATED || shipment.trackingNumber() == null) continue;
            String marker = "Shipment " + shipment.id() + " re-labelled for address change " + n + ":";
            if (timeline.stream().anyMatch(e -> LABEL_REPLACED.equals(e.type()) && e.detail() != null
                    && e.detail().startsWith(marker))) {
                continue; // another fulfilment of the order did it in this transaction
            }
            String carrier = shipment.carrier();
            String oldTracking = shipment.trackingNumber();
            try {
                calls.record("carrier", "cancel_label", () -> {
                    carriers.cancelLabel(shipment.id() + ":cancel-label-" + n, carrier, oldTracking);
                    return null;
                });
            } catch (CarrierException e) {
                throw new AdapterFailure(orderId, carriers.name(), "cancel the label " + oldTracking, e);
            }
            CarrierGateway.Label label;
            try {
                label = labels.create(orders.get(orderId), shipment, carrier, shipment.service(),
                        shipment.id() + ":relabel-" + n + ":" + carrier);
            } catch (CarrierException e) {
                throw labels.failure(orderId, carrier, e);
            }
            orders.recordEvent(orderId, LABEL_REPLACED, null, marker + " label " + oldTracking + " cancelled, new "
                    + label.carrier() + " " + label.service() + " tracking " + label.trackingNumber());
        }
    }
}
