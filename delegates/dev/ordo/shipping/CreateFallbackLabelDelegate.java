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
        var order = orders.get(execution.getProcessBusinessKey());
        var shipment = shipments.get((String) execution.getVariable("shipmentId"));
        try {
            labels.create(order, shipment, shipment.fallbackCarrier(), shipment.fallbackService());
        } catch (CarrierException e) {
            throw labels.failure(order.id(), shipment.fallbackCarrier(), e);
        }
    }
}
