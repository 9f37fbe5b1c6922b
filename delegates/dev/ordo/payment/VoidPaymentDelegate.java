package dev.ordo.payment;

import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_VoidPayment (compensates Task_AuthorizePayment): voids the authorized, uncaptured amount. */
@Component
class VoidPaymentDelegate implements JavaDelegate {
    private final Payments payments;
    private final OrderStore orders;

    VoidPaymentDelegate(Payments payments, OrderStore orders) {
        this.payments = payments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        payments.voidRemaining(orders.get(execution.getProcessBusinessKey()));
    }
}
