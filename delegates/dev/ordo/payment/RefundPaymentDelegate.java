package dev.ordo.payment;

import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RefundPayment (order cancelled): refunds whatever was captured; key {@code <order>:refund:cancellation}. */
@Component
class RefundPaymentDelegate implements JavaDelegate {
    private final Payments payments;
    private final OrderStore orders;

    RefundPaymentDelegate(Payments payments, OrderStore orders) {
        this.payments = payments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        payments.refund(orders.get(orderId), orderId + ":refund:cancellation");
    }
}
