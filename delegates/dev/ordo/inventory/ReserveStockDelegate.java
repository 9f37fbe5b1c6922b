package dev.ordo.inventory;

import dev.ordo.order.LineStatus;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Task_ReserveStock: reserves the order's lines in the warehouses ranked by the routing decision
 * ({@code rankedWarehouses}). Sets {@code stockReserved}; when stock is missing, the first time also
 * sets {@code backorderDeadline}, the moment the backorder timer cancels the order.
 */
@Component
class ReserveStockDelegate implements JavaDelegate {
    private final InventoryGateway inventory;
    private final OrderStore orders;
    private final Duration backorderTimeout;

    ReserveStockDelegate(InventoryGateway inventory, OrderStore orders,
            @Value("${ordo.backorder.timeout}") Duration backorderTimeout) {
        this.inventory = inventory;
        this.orders = orders;
        this.backorderTimeout = backorderTimeout;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        @SuppressWarnings("unchecked")
        List<String> ranked = List.copyOf(new LinkedHashSet<>((List<String>) execution.getVariable("rankedWarehouses")));
        List<OrderRecord.Line> lines = orders.lines(orderId);
        boolean reserved = inventory.reserve(orderId,
                lines.stream().map(l -> new InventoryGateway.Demand(l.id(), l.sku(), l.quantity())).toList(), ranked);
        execution.setVariable("stockReserved", reserved);
        if (reserved) {
            lines.forEach(l -> orders.setLineStatus(l.id(), LineStatus.RESERVED));
            orders.recordEvent(orderId, "STOCK_RESERVED", null, inventory.heldBy(orderId).stream()
                    .map(r -> r.quantity() + " x " + r.sku() + " in " + r.warehouseId()).collect(Collectors.joining(", ")));
        } else {
            lines.forEach(l -> orders.setLineStatus(l.id(), LineStatus.BACKORDERED));
            orders.recordEvent(orderId, "STOCK_UNAVAILABLE", null, "Not enough stock in " + ranked + "; waiting for restock");
            if (execution.getVariable("backorderDeadline") == null) {
                execution.setVariable("backorderDeadline", new Date(System.currentTimeMillis() + backorderTimeout.toMillis()));
            }
        }
    }
}
