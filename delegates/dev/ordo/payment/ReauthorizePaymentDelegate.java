package dev.ordo.payment;

import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReauthorizePayment: a waiting pre-order renews its authorization; a decline is {@code PaymentDeclined}. */
@Component
class ReauthorizePaymentDelegate implements JavaDelegate {
    private final Payments payments;
    private final OrderStore orders;

    ReauthorizePaymentDelegate(Payments payments, OrderStore orders) {
        this.payments = payments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var result = payments.reauthorize(orders.get(execution.getProcessBusinessKey()));
        if (!result.approved()) {
            throw new BpmnError(AuthorizePaymentDelegate.ERROR_DECLINED, result.declineReason());
        }
    }
}
