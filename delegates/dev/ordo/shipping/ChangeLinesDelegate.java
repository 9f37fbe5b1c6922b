package dev.ordo.shipping;

import dev.ordo.catalog.CatalogStore;
import dev.ordo.inventory.InventoryGateway;
import dev.ordo.process.LineChangeRefused;
import dev.ordo.order.LineStatus;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ChangeLines (fulfil-order, event subprocess "Order modified", when the lines changed): the
 * modification has already changed the order's lines in this transaction; this step brings stock and
 * shipments in line with them. Per line it compares what the line needs held (a RESERVED line its
 * quantity, a new PENDING line too once the fulfilment has reserved, a removed line nothing) with
 * what its reservations hold: a surplus is released, a shortfall reserved through the inventory
 * port (its conditional UPDATE never oversells). Once shipments are planned, stock is only taken
 * from the warehouses of the shipments not yet with the carrier, so the plan stays as it is; not
 * enough there is {@link LineChangeRefused} (OUT_OF_STOCK) and the whole modification rolls back.
 * Each open shipment then gets the lines its warehouse now holds for it and a new weight; the
 * labelled ones whose contents changed are listed in {@code relabelShipments} for the re-label
 * step. Comparing with what is held makes the step do nothing the second time (a second fulfilment
 * of the order, a backordered remainder, hears the same message).
 */
@Component
class ChangeLinesDelegate implements JavaDelegate {
    private final InventoryGateway inventory;
    private final OrderStore orders;
    private final ShipmentStore shipments;
    private final CatalogStore catalog;

    ChangeLinesDelegate(InventoryGateway inventory, OrderStore orders, ShipmentStore shipments, CatalogStore catalog) {
        this.inventory = inventory;
        this.orders = orders;
        this.shipments = shipments;
        this.catalog = catalog;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        List<OrderRecord.Line> lines = orders.lines(orderId);
        Map<String, Integer> held = inventory.heldBy(orderId).stream().collect(Collectors.groupingBy(
                InventoryGateway.Reservation::lineId, Collectors.summingInt(InventoryGateway.Reservation::quantity)));
        boolean reserved = lines.stream().anyMatch(l -> l.status() == LineStatus.RESERVED);
        List<InventoryGateway.Demand> demands = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (OrderRecord.Line line : lines) {
            int has = held.getOrDefault(line.id(), 0);
            int needs = line.status() == LineStatus.RESERVED || (line.status() == LineStatus.PENDING && reserved)
                    ? line.quantity() : 0;
            if (needs < has) {
                inventory.releaseQuantity(orderId, line.id(), has - needs);
                released.add((has - needs) + " x " + line.sku());
            } else if (needs > has) {
                demands.add(new InventoryGateway.Demand(line.id(), line.sku(), needs - has));
            }
        }
        if (!released.isEmpty()) {
            orders.recordEvent(orderId, "STOCK_RELEASED", null, String.join(", ", released) + " released (lines changed)");
        }
        List<ShipmentStore.Shipment> open = shipments.ofOrder(orderId).stream()
                .filter(s -> s.status() == ShipmentStatus.PLANNED || s.status() == ShipmentStatus.LABEL_CREATED).toList();
        Set<String> before = inventory.heldBy(orderId).stream().map(InventoryGateway.Reservation::id).collect(Collectors.toSet());
        if (!demands.isEmpty()) {
            reserve(execution, orderId, demands, open);
        }
        List<InventoryGateway.Reservation> added = inventory.heldBy(orderId).stream().filter(r -> !before.contains(r.id())).toList();
        execution.setVariable("relabelShipments", String.join(",", replan(open, added)));
    }

    private void reserve(DelegateExecution execution, String orderId, List<InventoryGateway.Demand> demands,
            List<ShipmentStore.Shipment> open) {
        @SuppressWarnings("unchecked")
        List<String> ranked = (List<String>) execution.getVariable("rankedWarehouses");
        // Planned: the open shipments' warehouses only. Not yet: where the order holds stock, then the routing's ranking.
        List<String> warehouses = List.copyOf(new LinkedHashSet<>(open.isEmpty()
                ? Stream.concat(inventory.heldBy(orderId).stream().map(InventoryGateway.Reservation::warehouseId),
                        ranked == null ? Stream.empty() : ranked.stream()).toList()
                : open.stream().map(ShipmentStore.Shipment::warehouseId).toList()));
        Set<String> got = inventory.reserve(orderId, demands, warehouses);
        if (got.size() < demands.size()) {
            throw new LineChangeRefused(LineChangeRefused.Reason.OUT_OF_STOCK, demands.stream()
                    .filter(d -> !got.contains(d.lineId())).map(d -> d.quantity() + " x " + d.sku())
                    .collect(Collectors.joining(", ")) + " more not in stock in " + warehouses);
        }
        demands.forEach(d -> orders.setLineStatus(d.lineId(), LineStatus.RESERVED));
        orders.recordEvent(orderId, "STOCK_RESERVED", null, demands.stream().map(d -> d.quantity() + " x " + d.sku())
                .collect(Collectors.joining(", ")) + " more reserved (lines changed)");
    }

    /** Gives each open shipment the reservations its warehouse holds for it now; returns the labelled ones that changed. */
    private List<String> replan(List<ShipmentStore.Shipment> open, List<InventoryGateway.Reservation> added) {
        if (open.isEmpty()) return List.of();
        Map<String, InventoryGateway.Reservation> held = inventory.heldBy(open.get(0).orderId()).stream()
                .collect(Collectors.toMap(InventoryGateway.Reservation::id, r -> r));
        List<String> relabel = new ArrayList<>();
        Set<String> placed = new java.util.HashSet<>();
        for (ShipmentStore.Shipment shipment : open) {
            List<ShipmentStore.Line> was = shipments.lines(shipment.id());
            List<ShipmentStore.Line> now = new ArrayList<>();
            was.stream().map(l -> held.get(l.reservationId())).filter(java.util.Objects::nonNull)
                    .map(PlanShipmentsDelegate::shipmentLine).forEach(now::add);
            added.stream().filter(r -> r.warehouseId().equals(shipment.warehouseId()) && placed.add(r.id()))
                    .map(PlanShipmentsDelegate::shipmentLine).forEach(now::add);
            if (new java.util.HashSet<>(now).equals(new java.util.HashSet<>(was))) continue;
            if (now.isEmpty()) {
                throw new LineChangeRefused(LineChangeRefused.Reason.SHIPMENT_EMPTIED, "shipment " + shipment.id()
                        + " from " + shipment.warehouseId() + " would have nothing left to ship");
            }
            var products = catalog.products(now.stream().map(ShipmentStore.Line::sku).collect(Collectors.toSet()));
            shipments.replaceLines(shipment.id(), now, PlanShipmentsDelegate.weight(now, products));
            if (shipment.status() == ShipmentStatus.LABEL_CREATED) relabel.add(shipment.id());
        }
        return relabel;
    }
}
