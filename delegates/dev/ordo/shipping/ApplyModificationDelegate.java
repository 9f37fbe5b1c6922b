package dev.ordo.shipping;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ApplyModification (fulfil-order, event subprocess "Order modified", message OrderModified):
 * runs inside the modification's transaction, which holds the order's shipment rows. A shipment
 * that has a label and is not yet with the carrier (LABEL_CREATED) gets a new label with the same
 * carrier and service when the shipping address changed (every such shipment) or its contents
 * changed (the ids Task_ChangeLines left in {@code relabelShipments}): the old label is cancelled
 * under {@code <shipmentId>:cancel-label-<n>}, the new one created with {@link Labels} under
 * {@code <shipmentId>:relabel-<n>:<carrier>:<digest>}, {@code n} being the order's modification number
 * (variable {@code modification}) and the digest naming the new address and contents ({@link Labels#digest}):
 * an attempt that rolled back after the carrier made its label, retried under the same {@code n} for
 * another address, must not get the first attempt's label. The shipment keeps its id, so the shipment process keeps waiting
 * for {@code ShipmentShipped-<id>}; the carrier's events now come with the new tracking number
 * (CarrierEvents ignores the old one). Shipments without a label need nothing: their label step reads
 * the new address and weight. Each shipment is re-labelled once per modification, also when two
 * fulfilments (a backordered remainder) listen.
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
        Object n = execution.getVariable("modification");
        boolean addressChanged = Boolean.TRUE.equals(execution.getVariable("addressChanged"));
        Object changed = execution.getVariable("relabelShipments");
        var contentsChanged = changed == null ? java.util.Set.of() : java.util.Set.of(changed.toString().split(","));
        for (ShipmentStore.Shipment shipment : shipments.lockOfOrder(orderId)) {
            if (shipment.status() != ShipmentStatus.LABEL_CREATED || shipment.trackingNumber() == null) continue;
            if (!addressChanged && !contentsChanged.contains(shipment.id())) continue;
            String marker = "Shipment " + shipment.id() + " re-labelled for modification " + n + ":";
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
