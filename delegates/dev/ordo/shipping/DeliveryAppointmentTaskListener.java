package dev.ordo.shipping;

import dev.ordo.catalog.CatalogStore;
import dev.ordo.order.OrderStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_ScheduleDelivery (white-glove furniture). On create: the shipment's items, the address and
 * the earliest delivery date = today + the longest lead time ({@code leadTimeDays}) of its products.
 * On complete: the appointment must be a date on or after that, with a slot; it goes on the timeline.
 */
@Component
class DeliveryAppointmentTaskListener implements TaskListener {
    private final OrderStore orders;
    private final ShipmentStore shipments;
    private final CatalogStore catalog;

    DeliveryAppointmentTaskListener(OrderStore orders, ShipmentStore shipments, CatalogStore catalog) {
        this.orders = orders;
        this.shipments = shipments;
        this.catalog = catalog;
    }

    @Override
    public void notify(DelegateTask task) {
        String orderId = task.getExecution().getProcessBusinessKey();
        String shipmentId = (String) task.getVariable("shipmentId");
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            var order = orders.get(orderId);
            var lines = shipments.lines(shipmentId);
            task.setVariableLocal("orderId", orderId);
            task.setVariableLocal("customerEmail", order.customer().email());
            task.setVariableLocal("shippingSummary", dev.ordo.review.OrderSummaries.shipping(order));
            task.setVariableLocal("itemsSummary", lines.stream().map(l -> l.quantity() + " x " + l.sku())
                    .collect(Collectors.joining("\n")));
            task.setVariableLocal("earliestDeliveryDate", earliest(lines).toString());
            task.setName("Book delivery for order " + orderId.substring(0, 8));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            LocalDate earliest = earliest(shipments.lines(shipmentId));
            LocalDate date = date(orderId, task.getVariable("appointmentDate"));
            Object slot = task.getVariable("appointmentSlot");
            if (date.isBefore(earliest)) {
                throw new ProcessEngineException("Order " + orderId + ": the delivery date " + date
                        + " is before the earliest possible date " + earliest + " (product lead time)");
            }
            if (slot == null || slot.toString().isBlank()) {
                throw new ProcessEngineException("Order " + orderId + ": choose a delivery slot (appointmentSlot)");
            }
            orders.recordEvent(orderId, "DELIVERY_APPOINTMENT", null, "Shipment " + shipmentId + " delivered on " + date
                    + " (" + slot + ")" + (task.getVariable("deliveryNotes") == null ? "" : ": " + task.getVariable("deliveryNotes")));
        }
    }

    private LocalDate earliest(java.util.List<ShipmentStore.Line> lines) {
        int leadTime = catalog.products(lines.stream().map(ShipmentStore.Line::sku).collect(Collectors.toSet())).values().stream()
                .mapToInt(CatalogStore.Product::leadTimeDays).max().orElse(0);
        return LocalDate.now(ZoneOffset.UTC).plusDays(leadTime);
    }

    private static LocalDate date(String orderId, Object value) {
        if (value instanceof java.util.Date d) return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        try {
            return LocalDate.parse(String.valueOf(value).substring(0, Math.min(10, String.valueOf(value).length())));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ProcessEngineException("Order " + orderId + ": appointmentDate must be a date (YYYY-MM-DD), got " + value);
        }
    }
}
