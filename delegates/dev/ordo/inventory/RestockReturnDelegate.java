package dev.ordo.inventory;

import dev.ordo.order.OrderStore;
import dev.ordo.process.OrderProcess;
import dev.ordo.returns.ReturnStore;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RestockReturn (return-order): the inspected goods go back on the shelf of the warehouse they
 * were shipped from (a line shipped from two warehouses fills the first shipment's first). Orders
 * waiting for a restocked SKU (backorders) are woken in the same transaction, as when ops set stock.
 */
@Component
class RestockReturnDelegate implements JavaDelegate {
    private final InventoryGateway inventory;
    private final ReturnStore returns;
    private final OrderStore orders;
    private final OrderProcess process;

    RestockReturnDelegate(InventoryGateway inventory, ReturnStore returns, OrderStore orders, OrderProcess process) {
        this.inventory = inventory;
        this.returns = returns;
        this.orders = orders;
        this.process = process;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String returnId = (String) execution.getVariable("returnId");
        String orderId = execution.getProcessBusinessKey();
        Map<String, Integer> left = new HashMap<>();
        returns.lines(returnId).forEach(l -> left.put(l.lineId(), l.quantity()));
        var restocked = new StringBuilder();
        var skus = new java.util.LinkedHashSet<String>();
        for (var shipped : returns.shipped(orderId)) {
            int wanted = left.getOrDefault(shipped.lineId(), 0);
            int quantity = Math.min(wanted, shipped.quantity());
            if (quantity <= 0) continue;
            inventory.restock(shipped.warehouseId(), shipped.sku(), quantity);
            skus.add(shipped.sku());
            left.put(shipped.lineId(), wanted - quantity);
            restocked.append(restocked.isEmpty() ? "" : ", ").append(quantity).append(" x ").append(shipped.sku())
                    .append(" in ").append(shipped.warehouseId());
        }
        orders.recordEvent(orderId, "RETURN_RESTOCKED", null, "Return " + returnId + " restocked: " + restocked);
        skus.forEach(sku -> process.stockReplenished(orders.backorderedWith(sku)));
    }
}
