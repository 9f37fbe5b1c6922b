package dev.ordo.shipping;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import org.springframework.stereotype.Component;

/** Creating a label for a shipment with a given carrier, and recording it. Shared by the two label tasks. */
@Component
class Labels {
    private final CarrierGateway carriers;
    private final ShipmentStore shipments;
    private final OrderStore orders;
    private final AdapterCalls calls;

    Labels(CarrierGateway carriers, ShipmentStore shipments, OrderStore orders, AdapterCalls calls) {
        this.carriers = carriers;
        this.shipments = shipments;
        this.orders = orders;
        this.calls = calls;
    }

    /** Creates the label; throws {@link CarrierException} when the carrier fails. */
    void create(OrderRecord order, ShipmentStore.Shipment shipment, String carrier, String service) {
        create(order, shipment, carrier, service, shipment.id() + ":label:" + carrier);
    }

    /**
     * Creates the label under the given carrier idempotency key (a re-label after an address change
     * uses {@code <shipmentId>:relabel-<n>:<carrier>}) to the order's current shipping address, and
     * records it on the shipment (LABEL_CREATED, the new tracking number).
     */
    CarrierGateway.Label create(OrderRecord order, ShipmentStore.Shipment shipment, String carrier, String service,
            String idempotencyKey) {
        var request = new CarrierGateway.LabelRequest(order.id(), shipment.id(), shipment.warehouseId(),
                order.shippingAddress().country(), order.shippingAddress().postalCode(), shipment.weightGrams());
        var label = calls.record("carrier", "create_label",
                () -> carriers.createLabel(idempotencyKey, carrier, service, request));
        shipments.labelCreated(shipment.id(), label.carrier(), label.service(), label.trackingNumber());
        orders.recordEvent(order.id(), "LABEL_CREATED", null, "Shipment " + shipment.id() + " from " + shipment.warehouseId()
                + ": " + label.carrier() + " " + label.service() + ", tracking " + label.trackingNumber());
        return label;
    }

    AdapterFailure failure(String orderId, String carrier, CarrierException e) {
        return new AdapterFailure(orderId, carriers.name(), "create a " + carrier + " label", e);
    }
}
