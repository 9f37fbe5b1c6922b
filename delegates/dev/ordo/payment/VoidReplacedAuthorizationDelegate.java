package dev.ordo.payment;

import dev.ordo.order.OrderStore;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_VoidReplacedAuthorization (fulfil-order, event subprocess "Order modified"): voids the
 * authorization Task_AdjustAuthorization replaced ({@code replacedAuthorization}, {@code replacedAmount})
 * under {@code <order>:void:modification-<n>}. Last in the subprocess, after the re-label, so a
 * carrier failure that rolls the modification back leaves the old authorization intact. Nothing to do
 * when no authorization was replaced.
 */
@Component
class VoidReplacedAuthorizationDelegate implements JavaDelegate {
    private final Payments payments;
    private final OrderStore orders;

    VoidReplacedAuthorizationDelegate(Payments payments, OrderStore orders) {
        this.payments = payments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object replaced = execution.getVariable("replacedAuthorization");
        if (replaced == null || replaced.toString().isEmpty()) return;
        var order = orders.get(execution.getProcessBusinessKey());
        payments.voidAuthorization(order, order.id() + ":void:modification-" + execution.getVariable("modification"),
                replaced.toString(), new BigDecimal((String) execution.getVariable("replacedAmount")));
    }
}
