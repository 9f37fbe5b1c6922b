package dev.ordo.shipping;

import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RemindCustomer: the delivery appointment is still not booked. Ordo has no e-mail adapter yet:
 * the reminder is written to the timeline (and so to webhooks once they exist) for the shop to send.
 */
@Component
class RemindCustomerDelegate implements JavaDelegate {
    private final OrderStore orders;

    RemindCustomerDelegate(OrderStore orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        orders.recordEvent(orderId, "APPOINTMENT_REMINDER", null, "Reminder to " + orders.get(orderId).customer().email()
                + ": book the delivery appointment for shipment " + execution.getVariable("shipmentId"));
    }
}
