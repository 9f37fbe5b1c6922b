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
 * Task_CapturePayment: captures the value of one shipment once it is with the carrier (in an order
 * that ships nothing, the whole authorized amount). Sets the local
 * flag {@code shipmentDelivered} when the carrier reported delivery before this step ran; the shipment
 * row is locked, so a DELIVERED event either sees this step's waiting state or is seen by it.
 */
@Component
class CapturePaymentDelegate implements JavaDelegate {
    private final Payments payments;
    private final OrderStore orders;
    private final ShipmentStore shipments;

    CapturePaymentDelegate(Payments payments, OrderStore orders, ShipmentStore shipments) {
        this.payments = payments;
        this.orders = orders;
        this.shipments = shipments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String shipmentId = (String) execution.getVariable("shipmentId");
        if (shipmentId == null) { // nothing ships (a digital order): capture everything at once
            payments.capture(orders.get(execution.getProcessBusinessKey()), null, null);
            return;
        }
        var shipment = shipments.lock(shipmentId);
        OrderRecord order = orders.get(execution.getProcessBusinessKey());
        BigDecimal amount = Payments.valueOf(order, shipments.lines(shipmentId));
        payments.capture(order, shipmentId, amount);
        execution.setVariableLocal("shipmentDelivered", shipment.status() == ShipmentStatus.DELIVERED);
        execution.setVariableLocal("shipmentException", shipment.status() == ShipmentStatus.EXCEPTION);
    }
}
