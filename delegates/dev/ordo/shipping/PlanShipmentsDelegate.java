package dev.ordo.shipping;

import dev.ordo.catalog.CatalogStore;
import dev.ordo.inventory.InventoryGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_PlanShipments: one shipment per warehouse for the reservations not yet in a shipment (a
 * backordered remainder gets shipments of its own later); sets {@code shipmentIds}.
 */
@Component
class PlanShipmentsDelegate implements JavaDelegate {
    private final InventoryGateway inventory;
    private final ShipmentStore shipments;
    private final CatalogStore catalog;
    private final dev.ordo.order.OrderStore orders;

    PlanShipmentsDelegate(InventoryGateway inventory, ShipmentStore shipments, CatalogStore catalog,
                          dev.ordo.order.OrderStore orders) {
        this.orders = orders;
        this.inventory = inventory;
        this.shipments = shipments;
        this.catalog = catalog;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        orders.lock(orderId); // a per-line cancellation of the same order waits, or is seen
        var alreadyPlanned = shipments.shippedReservationIds(orderId);
        Map<String, List<InventoryGateway.Reservation>> byWarehouse = inventory.heldBy(orderId).stream()
                .filter(r -> !alreadyPlanned.contains(r.id()))
                .collect(Collectors.groupingBy(InventoryGateway.Reservation::warehouseId, LinkedHashMap::new, Collectors.toList()));
        var products = catalog.products(byWarehouse.values().stream().flatMap(List::stream)
                .map(InventoryGateway.Reservation::sku).collect(Collectors.toSet()));
        List<String> ids = new ArrayList<>();
        byWarehouse.forEach((warehouse, reservations) -> {
            List<ShipmentStore.Line> lines = reservations.stream().map(PlanShipmentsDelegate::shipmentLine).toList();
            ids.add(shipments.create(orderId, warehouse, weight(lines, products), lines));
        });
        execution.setVariable("shipmentIds", ids);
    }

    static ShipmentStore.Line shipmentLine(InventoryGateway.Reservation r) {
        return new ShipmentStore.Line(r.lineId(), r.id(), r.sku(), r.quantity());
    }

    /** What a shipment of these lines weighs. */
    static int weight(List<ShipmentStore.Line> lines, Map<String, CatalogStore.Product> products) {
        return lines.stream().mapToInt(l -> l.quantity() * products.get(l.sku()).weightGrams()).sum();
    }
}
