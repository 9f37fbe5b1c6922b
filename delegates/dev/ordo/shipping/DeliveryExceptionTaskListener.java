package dev.ordo.shipping;

import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import dev.ordo.review.OrderSummaries;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_ResolveDeliveryException (ship-from-warehouse). On create it puts on the task what customer
 * service needs (the delivery-exception form shows these): order, shipment, tracking number, the
 * carrier's detail, the address and items, and the current address pre-filled as the corrected one.
 * On complete it insists on {@code resolution} reship (with a complete corrected address) or refund.
 */
@Component
class DeliveryExceptionTaskListener implements TaskListener {
    private static final List<String> REQUIRED_FIELDS = List.of("shipToName", "shipToLine1", "shipToCity",
            "shipToPostalCode", "shipToCountry");
    private final OrderStore orders;
    private final ShipmentStore shipments;

    DeliveryExceptionTaskListener(OrderStore orders, ShipmentStore shipments) {
        this.orders = orders;
        this.shipments = shipments;
    }

    @Override
    public void notify(DelegateTask task) {
        String orderId = task.getExecution().getProcessBusinessKey();
        String shipmentId = (String) task.getVariable("shipmentId");
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            OrderRecord order = orders.get(orderId);
            var shipment = shipments.get(shipmentId);
            String detail = orders.timeline(orderId).stream().filter(e -> "SHIPMENT_EXCEPTION".equals(e.type()))
                    .reduce((a, b) -> b).map(OrderStore.TimelineEntry::detail).orElse("exception reported by the carrier");
            task.setVariableLocal("orderId", orderId);
            task.setVariableLocal("trackingNumber", shipment.trackingNumber());
            task.setVariableLocal("exceptionDetail", detail);
            task.setVariableLocal("shippingSummary", OrderSummaries.shipping(order));
            task.setVariableLocal("itemsSummary", OrderSummaries.items(order));
            var a = order.shippingAddress();
            if (a != null) {
                // pre-filled on the process, not the task: what the form submits overwrites them there,
                // and Task_ReshipShipment reads them from there
                var process = task.getExecution();
                process.setVariable("shipToName", a.name());
                process.setVariable("shipToLine1", a.line1());
                process.setVariable("shipToLine2", a.line2());
                process.setVariable("shipToCity", a.city());
                process.setVariable("shipToRegion", a.region());
                process.setVariable("shipToPostalCode", a.postalCode());
                process.setVariable("shipToCountry", a.country());
            }
            task.setName("Resolve delivery exception of order " + orderId.substring(0, 8));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Object resolution = task.getVariable("resolution");
            if (!"reship".equals(resolution) && !"refund".equals(resolution)) {
                throw new ProcessEngineException("Shipment " + shipmentId + ": choose reship or refund (resolution) before completing the task");
            }
            if ("reship".equals(resolution)) {
                for (String field : REQUIRED_FIELDS) {
                    Object value = task.getVariable(field);
                    if (value == null || value.toString().isBlank()) {
                        throw new ProcessEngineException("Shipment " + shipmentId + ": a reship needs the corrected address (" + field + ")");
                    }
                }
                if (!task.getVariable("shipToCountry").toString().trim().matches("[A-Za-z]{2}")) {
                    throw new ProcessEngineException("Shipment " + shipmentId + ": shipToCountry must be a two-letter country code");
                }
            }
            Object comment = task.getVariable("resolutionComment");
            orders.recordEvent(orderId, "DELIVERY_EXCEPTION_RESOLVED", null, "Shipment " + shipmentId + ": "
                    + resolution + " (" + (task.getAssignee() == null ? "an operator" : task.getAssignee()) + ")"
                    + (comment == null || comment.toString().isBlank() ? "" : ": " + comment));
        }
    }
}
