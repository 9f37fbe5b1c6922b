package dev.ordo.payment;

import dev.ordo.process.LineChangeRefused;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_AdjustAuthorization (fulfil-order, event subprocess "Order modified", when the lines changed):
 * when the order's new total is more than its authorization still holds, authorizes the new total
 * as one new authorization under {@code <order>:authorize:modification-<n>:<total>} and leaves the
 * one it replaces in {@code replacedAuthorization}/{@code replacedAmount} for Task_VoidReplacedAuthorization,
 * which voids it after the re-label. Authorizing first means a decline changes nothing: the old
 * authorization still holds, and {@link LineChangeRefused} (PAYMENT_DECLINED) rolls the modification
 * back. One authorization for the whole total keeps every later capture against one reference, as
 * real providers require. The key names the amount, so a retry of the same change after a rolled-back
 * attempt reuses the provider's answer, and a different change never picks up an answer for another amount.
 * A lower total needs nothing now: captures follow the shipments' lines and "Void what was not
 * captured" voids the surplus at the end. Before the first authorization nothing is done either: the
 * fulfilment's Task_AuthorizePayment authorizes the new total.
 */
@Component
class AdjustAuthorizationDelegate implements JavaDelegate {
    private final Payments payments;
    private final PaymentStore store;
    private final OrderStore orders;

    AdjustAuthorizationDelegate(Payments payments, PaymentStore store, OrderStore orders) {
        this.payments = payments;
        this.store = store;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OrderRecord order = orders.get(execution.getProcessBusinessKey());
        var summary = store.summary(order.id());
        BigDecimal open = summary.open();
        if (summary.authorized().signum() == 0 || order.total().compareTo(open) <= 0) return;
        String replaced = store.authorizationRef(order.id()).orElseThrow();
        String key = order.id() + ":authorize:modification-" + execution.getVariable("modification") + ":"
                + order.total().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        var result = payments.authorize(order, key);
        if (!result.approved()) {
            throw new LineChangeRefused(LineChangeRefused.Reason.PAYMENT_DECLINED, "the payment provider declined authorizing "
                    + Payments.money(order.total(), order.currency()) + " for the changed order (" + result.declineReason() + ")");
        }
        execution.setVariable("replacedAuthorization", replaced);
        execution.setVariable("replacedAmount", open.toPlainString());
    }
}
