package dev.ordo.payment;

import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.ShipmentStore;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RefundShipment (ship-from-warehouse): customer service chose to refund an undeliverable
 * shipment. Refunds its captured share (key {@code <orderId>:refund:<shipmentId>}) and cancels the
 * shipment; the carrier returns the goods to the warehouse.
 */
@Component
class RefundShipmentDelegate implements JavaDelegate {
    private final Payments payments;
    private final OrderStore orders;
    private final ShipmentStore shipments;

    RefundShipmentDelegate(Payments payments, OrderStore orders, ShipmentStore shipments) {
        this.payments = payments;
        this.orders = orders;
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String shipmentId = (String) execution.getVariable("shipmentId");
        shipments.lock(shipmentId);
        OrderRecord order = orders.get(execution.getProcessBusinessKey());
        BigDecimal share = Payments.valueOf(order, shipments.lines(shipmentId));
        BigDecimal refunded = payments.refund(order, shipmentId, share);
        shipments.setStatus(shipmentId, ShipmentStatus.CANCELLED);
        orders.recordEvent(order.id(), "SHIPMENT_REFUNDED", null, "Shipment " + shipmentId + " undeliverable: "
                + Payments.money(refunded, order.currency()) + " refunded, shipment cancelled");
    }
}
