package dev.ordo.shipping;

import dev.ordo.order.OrderStore;
import dev.ordo.process.Decisions;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CreateShippingLabel: picks primary and fallback carrier with the {@code carrier-selection}
 * decision (from the same deployment as the diagram), then asks the primary carrier for a label.
 * A primary carrier that fails is the BPMN error {@code PrimaryCarrierFailed}: the diagram moves on
 * to the fallback carrier instead of retrying.
 */
@Component
class CreateShippingLabelDelegate implements JavaDelegate {
    static final String ERROR_PRIMARY_FAILED = "PrimaryCarrierFailed";
    private final Labels labels;
    private final ShipmentStore shipments;
    private final OrderStore orders;
    private final Decisions decisions;

    CreateShippingLabelDelegate(Labels labels, ShipmentStore shipments, OrderStore orders, Decisions decisions) {
        this.labels = labels;
        this.shipments = shipments;
        this.orders = orders;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String shipmentId = (String) execution.getVariable("shipmentId");
        // Lock the shipment before reading the address: an address change (OrderModification) holds
        // this row while it commits, so the label goes to the address that is current afterwards.
        var shipment = shipments.lock(shipmentId);
        var order = orders.get(execution.getProcessBusinessKey());
        Map<String, Object> choice = decisions.evaluate("carrier-selection", execution.getProcessDefinitionId(), Map.of(
                "weightGrams", shipment.weightGrams(),
                "destinationCountry", order.shippingAddress().country(),
                "shippingMethod", order.shippingMethod(),
                "orderType", order.orderType()));
        String carrier = (String) choice.get("primaryCarrier");
        String service = (String) choice.get("primaryService");
        shipments.chooseCarriers(shipmentId, carrier, service, (String) choice.get("fallbackCarrier"),
                (String) choice.get("fallbackService"));
        try {
            labels.create(order, shipment, carrier, service);
        } catch (CarrierException e) {
            orders.recordEvent(order.id(), "CARRIER_FAILED", null, carrier + ": " + e.getMessage() + "; trying the fallback carrier");
            throw new BpmnError(ERROR_PRIMARY_FAILED, e.getMessage());
        }
    }
}
