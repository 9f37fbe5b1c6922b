package dev.ordo.inventory;

import dev.ordo.order.LineStatus;
import dev.ordo.order.OrderStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReleaseStock (compensates Task_ReserveStock): frees whatever the order still holds; its lines are cancelled. */
@Component
class ReleaseStockDelegate implements JavaDelegate {
    private final InventoryGateway inventory;
    private final OrderStore orders;

    ReleaseStockDelegate(InventoryGateway inventory, OrderStore orders) {
        this.inventory = inventory;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        if (!inventory.heldBy(orderId).isEmpty()) {
            inventory.release(orderId);
            orders.recordEvent(orderId, "STOCK_RELEASED", null, "Reserved stock released");
        }
        orders.setAllLinesStatus(orderId, LineStatus.CANCELLED);
    }
}
