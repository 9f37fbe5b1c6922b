package dev.ordo.inventory;

import dev.ordo.order.LineStatus;
import dev.ordo.order.OrderStore;
import dev.ordo.shipping.ShipmentStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CommitStock: the shipment left the warehouse, so its reservations become stock movements. */
@Component
class CommitStockDelegate implements JavaDelegate {
    private final InventoryGateway inventory;
    private final ShipmentStore shipments;
    private final OrderStore orders;

    CommitStockDelegate(InventoryGateway inventory, ShipmentStore shipments, OrderStore orders) {
        this.inventory = inventory;
        this.shipments = shipments;
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var lines = shipments.lines((String) execution.getVariable("shipmentId"));
        inventory.commit(lines.stream().map(ShipmentStore.Line::reservationId).toList());
        lines.forEach(l -> orders.setLineStatus(l.lineId(), LineStatus.SHIPPED));
    }
}
