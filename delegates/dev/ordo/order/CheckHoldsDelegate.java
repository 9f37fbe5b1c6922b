package dev.ordo.order;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckHolds (fulfil-order): sets {@code onHold} when the order has an active fulfilment hold.
 * It locks the order row first, as placing and releasing a hold do, so a hold released concurrently
 * either is seen here or finds the HoldReleased subscription this transaction commits.
 */
@Component
class CheckHoldsDelegate implements JavaDelegate {
    private final OrderStore orders;
    private final HoldStore holds;

    CheckHoldsDelegate(OrderStore orders, HoldStore holds) {
        this.orders = orders;
        this.holds = holds;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        orders.lock(orderId);
        execution.setVariable("onHold", !holds.active(orderId).isEmpty());
    }
}
