package dev.ordo.inventory;

import dev.ordo.order.LineStatus;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ReserveStock: reserves the order's outstanding lines (not yet reserved, shipped or cancelled)
 * in the warehouses ranked by the routing decision ({@code rankedWarehouses}). Sets
 * {@code stockReserved} (nothing outstanding is missing), {@code anyReserved} (this attempt reserved
 * something) and {@code availableShare} (the share of outstanding lines reserved now) for the
 * availability gateway and the partial-shipment decision.
 */
@Component
class ReserveStockDelegate implements JavaDelegate {
    private final InventoryGateway inventory;
    private final OrderStore orders;

    ReserveStockDelegate(InventoryGateway inventory, OrderStore orders) {
        this.inventory = inventory;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        orders.lock(orderId); // a per-line cancellation of the same order waits, or is seen
        @SuppressWarnings("unchecked")
        List<String> ranked = List.copyOf(new LinkedHashSet<>((List<String>) execution.getVariable("rankedWarehouses")));
        List<OrderRecord.Line> outstanding = orders.lines(orderId).stream()
                .filter(l -> l.status() == LineStatus.PENDING || l.status() == LineStatus.BACKORDERED).toList();
        Set<String> reserved = inventory.reserve(orderId,
                outstanding.stream().map(l -> new InventoryGateway.Demand(l.id(), l.sku(), l.quantity())).toList(), ranked);
        outstanding.forEach(l -> orders.setLineStatus(l.id(), reserved.contains(l.id()) ? LineStatus.RESERVED : LineStatus.BACKORDERED));
        execution.setVariable("stockReserved", reserved.size() == outstanding.size());
        execution.setVariable("anyReserved", !reserved.isEmpty());
        execution.setVariable("availableShare", outstanding.isEmpty() ? 1.0 : (double) reserved.size() / outstanding.size());
        if (!reserved.isEmpty()) {
            orders.recordEvent(orderId, "STOCK_RESERVED", null, inventory.heldBy(orderId).stream()
                    .filter(r -> reserved.contains(r.lineId()))
                    .map(r -> r.quantity() + " x " + r.sku() + " in " + r.warehouseId()).collect(Collectors.joining(", ")));
        }
        if (reserved.size() < outstanding.size()) {
            orders.recordEvent(orderId, "STOCK_UNAVAILABLE", null, outstanding.stream().filter(l -> !reserved.contains(l.id()))
                    .map(l -> l.quantity() + " x " + l.sku()).collect(Collectors.joining(", ")) + " not in stock in " + ranked);
        }
    }
}
