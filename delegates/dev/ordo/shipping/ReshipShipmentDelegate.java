package dev.ordo.shipping;

import dev.ordo.adapter.AdapterCalls;
import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ReshipShipment (ship-from-warehouse): the order's shipping address becomes the corrected one
 * from the delivery-exception task ({@code shipTo*}), and the shipment gets a new label with its
 * carrier to that address, under {@code <shipmentId>:reship-<n>:<carrier>} ({@code n} counts the
 * reships of the shipment, variable {@code reshipCount}). The shipment stays with the carrier
 * (SHIPPED, new tracking number) and the process waits for delivery or another exception.
 */
@Component
class ReshipShipmentDelegate implements JavaDelegate {
    private final CarrierGateway carriers;
    private final ShipmentStore shipments;
    private final OrderStore orders;
    private final AdapterCalls calls;

    ReshipShipmentDelegate(CarrierGateway carriers, ShipmentStore shipments, OrderStore orders, AdapterCalls calls) {
        this.carriers = carriers;
        this.shipments = shipments;
        this.orders = orders;
        this.calls = calls;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        String shipmentId = (String) execution.getVariable("shipmentId");
        var corrected = new OrderRecord.Address(text(execution, "shipToName"), text(execution, "shipToLine1"),
                text(execution, "shipToLine2"), text(execution, "shipToCity"), text(execution, "shipToRegion"),
                text(execution, "shipToPostalCode"), text(execution, "shipToCountry").toUpperCase());
        orders.setShippingAddress(orderId, corrected);
        Object previous = execution.getVariable("reshipCount");
        int n = (previous instanceof Number number ? number.intValue() : 0) + 1;
        var shipment = shipments.lock(shipmentId);
        String carrier = shipment.carrier();
        var request = new CarrierGateway.LabelRequest(orderId, shipmentId, shipment.warehouseId(), corrected.country(),
                corrected.postalCode(), shipment.weightGrams());
        CarrierGateway.Label label;
        try {
            label = calls.record("carrier", "create_label",
                    () -> carriers.createLabel(shipmentId + ":reship-" + n + ":" + carrier, carrier, shipment.service(), request));
        } catch (CarrierException e) {
            throw new AdapterFailure(orderId, carriers.name(), "create a " + carrier + " label for a reship", e);
        }
        shipments.relabelled(shipmentId, label.carrier(), label.service(), label.trackingNumber());
        execution.setVariable("reshipCount", n);
        // back to "Delivered already?": wait for the new label's delivery or another exception
        execution.setVariable("shipmentDelivered", false);
        execution.setVariable("shipmentException", false);
        orders.recordEvent(orderId, "SHIPMENT_RESHIPPED", null, "Shipment " + shipmentId + " reshipped to " + corrected.line1()
                + ", " + corrected.postalCode() + " " + corrected.city() + ", " + corrected.country() + ": "
                + label.carrier() + " " + label.service() + ", tracking " + label.trackingNumber());
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
