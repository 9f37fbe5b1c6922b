package dev.ordo.shipping;

import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CreateFallbackLabel: the label from the fallback carrier; its failures are retried, then an incident. */
@Component
class CreateFallbackLabelDelegate implements JavaDelegate {
    private final Labels labels;
    private final ShipmentStore shipments;
    private final OrderStore orders;

    CreateFallbackLabelDelegate(Labels labels, ShipmentStore shipments, OrderStore orders) {
        this.labels = labels;
        this.shipments = shipments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var shipment = shipments.lock((String) execution.getVariable("shipmentId")); // before the address: see CreateShippingLabelDelegate
        var order = orders.get(execution.getProcessBusinessKey());
        try {
            labels.create(order, shipment, shipment.fallbackCarrier(), shipment.fallbackService());
        } catch (CarrierException e) {
            throw labels.failure(order.id(), shipment.fallbackCarrier(), e);
        }
    }
}
