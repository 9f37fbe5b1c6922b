package dev.ordo.shipping;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
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

    /** Creates the label under {@code <shipmentId>:label:<carrier>:<digest>}; throws {@link CarrierException} when the carrier fails. */
    void create(OrderRecord order, ShipmentStore.Shipment shipment, String carrier, String service) {
        create(order, shipment, carrier, service, shipment.id() + ":label:" + carrier);
    }

    /**
     * Creates the label to the order's current shipping address under the carrier idempotency key
     * {@code <keyPrefix>:<digest>} (a re-label after a modification passes {@code <shipmentId>:relabel-<n>:<carrier>}),
     * and records it on the shipment (LABEL_CREATED, the new tracking number). The digest names what
     * the label is for ({@link #digest}): a retry after a rolled-back attempt reuses the carrier's label
     * only when it is for the same address and contents; if the address or contents changed in between
     * (a modification), the key differs and the carrier makes a new label (the orphaned one is never
     * used and expires unused at the carrier).
     */
    CarrierGateway.Label create(OrderRecord order, ShipmentStore.Shipment shipment, String carrier, String service,
            String keyPrefix) {
        String idempotencyKey = keyPrefix + ":" + digest(order.shippingAddress(), shipment);
        var request = new CarrierGateway.LabelRequest(order.id(), shipment.id(), shipment.warehouseId(),
                order.shippingAddress().country(), order.shippingAddress().postalCode(), shipment.weightGrams());
        var label = calls.record("carrier", "create_label",
                () -> carriers.createLabel(idempotencyKey, carrier, service, request));
        shipments.labelCreated(shipment.id(), label.carrier(), label.service(), label.trackingNumber());
        orders.recordEvent(order.id(), "LABEL_CREATED", null, "Shipment " + shipment.id() + " from " + shipment.warehouseId()
                + ": " + label.carrier() + " " + label.service() + ", tracking " + label.trackingNumber());
        return label;
    }

    /**
     * A short stable digest (12 hex characters of SHA-256) of what a label is for: every field of the
     * destination address, the shipment's weight and its lines (SKU and quantity, sorted).
     */
    String digest(OrderRecord.Address to, ShipmentStore.Shipment shipment) {
        String contents = shipments.lines(shipment.id()).stream().map(l -> l.sku() + "x" + l.quantity()).sorted()
                .collect(Collectors.joining(","));
        String text = String.join("|", to.name(), to.line1(), to.line2(), to.city(), to.region(), to.postalCode(),
                to.country(), String.valueOf(shipment.weightGrams()), contents);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    AdapterFailure failure(String orderId, String carrier, CarrierException e) {
        return new AdapterFailure(orderId, carriers.name(), "create a " + carrier + " label", e);
    }
}
