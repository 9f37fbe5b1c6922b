package dev.ordo.payment;

import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_AuthorizePayment: authorizes the order total; a decline is the BPMN error {@code PaymentDeclined}. */
@Component
class AuthorizePaymentDelegate implements JavaDelegate {
    static final String ERROR_DECLINED = "PaymentDeclined";
    private final Payments payments;
    private final OrderStore orders;

    AuthorizePaymentDelegate(Payments payments, OrderStore orders) {
        this.payments = payments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        orders.lock(orderId); // a line change (OrderModification) either sees this authorization or is seen by it: the new total
        var result = payments.authorize(orders.get(orderId));
        if (!result.approved()) {
            throw new BpmnError(ERROR_DECLINED, result.declineReason());
        }
        execution.setVariable("paymentAuthorized", true);
    }
}
