package dev.ordo.order;

import dev.ordo.process.OrderProcess;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.ShipmentStore;
import dev.ordo.web.ApiException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whole-order cancellation. In one transaction: lock the order's shipment rows, then the order row
 * (two cancellations queue up, the second sees the first); the shipment rows (a carrier's SHIPPED event locks the same
 * row, so exactly one of the two wins), refuse when anything was handed to the carrier, mark the
 * other shipments CANCELLED (a later SHIPPED event for them has no effect) and correlate
 * {@code CancelOrder} to the order's process. The undo steps run in the diagram's event subprocess
 * "Order cancelled on request" (asynchronously, with retries) from Ordo's tables.
 */
@Service
public class OrderCancellation {
    static final String REQUESTED = "CANCELLATION_REQUESTED";

    private final OrderStore orders;
    private final ShipmentStore shipments;
    private final OrderProcess process;
    private final dev.ordo.inventory.InventoryGateway inventory;
    private final OrderModification modification;
    private final RequestKeys keys;

    OrderCancellation(OrderStore orders, ShipmentStore shipments, OrderProcess process,
                      dev.ordo.inventory.InventoryGateway inventory, OrderModification modification, RequestKeys keys) {
        this.keys = keys;
        this.inventory = inventory;
        this.modification = modification;
        this.orders = orders;
        this.shipments = shipments;
        this.process = process;
    }

    /** @return true when this call cancelled the order, false when it was already cancelled or being cancelled */
    @Transactional
    public boolean cancel(String orderId, String reason) {
        return cancel(orderId, reason, null);
    }

    /** As {@link #cancel(String, String)}, with the request's optional Idempotency-Key ({@link RequestKeys}). */
    @Transactional
    public boolean cancel(String orderId, String reason, RequestKeys.Key key) {
        // Shipment rows first, then the order row: a carrier event locks its shipment and then updates
        // the order, so the same order of locks cannot deadlock.
        List<ShipmentStore.Shipment> locked = shipments.lockOfOrder(orderId);
        if (!orders.lock(orderId)) {
            throw ApiException.notFound("order " + orderId);
        }
        if (keys.alreadyDone(orderId, key)) {
            return false;
        }
        OrderRecord order = orders.get(orderId);
        if (order.status() == OrderStatus.CANCELLED || cancellationRequested(orderId)) {
            return false;
        }
        for (ShipmentStore.Shipment shipment : locked) {
            if (shipment.status().handedToCarrier()) {
                throw ApiException.conflict("shipment " + shipment.id() + " has been handed to the carrier ("
                        + shipment.status() + "): it cannot be cancelled, use a return");
            }
        }
        orders.recordEvent(orderId, REQUESTED, null, "Cancellation requested: " + reason);
        if (!process.cancel(orderId)) {
            throw ApiException.conflict("order is " + order.status() + " and can no longer be cancelled");
        }
        for (ShipmentStore.Shipment shipment : locked) {
            if (shipment.status() != ShipmentStatus.CANCELLED) {
                shipments.setStatus(shipment.id(), ShipmentStatus.CANCELLED);
            }
        }
        return true;
    }

    /** A line and the quantity of it to cancel: the whole line, or part of it. */
    public record LineRequest(String lineId, int quantity) {}

    /**
     * Per-line cancellation. Whole lines, while the order has no shipments yet (before
     * Task_PlanShipments): the lines' reservations are released and the lines become CANCELLED; the
     * rest continues, and "Void what was not captured" voids the cancelled share at the end.
     * Cancelling every open line cancels the whole order. A request with a partial quantity is a
     * decrease of those lines by that quantity, made as a line change ({@link OrderModification}):
     * allowed until a shipment is handed to the carrier, it frees the stock, re-plans and re-labels
     * the shipments, and the capture follows the remaining lines. A partial quantity sent twice
     * reduces the line twice, unless both requests carry the same Idempotency-Key ({@code key}, may be
     * null): the repeat then does nothing.
     */
    @Transactional
    public void cancelLines(String orderId, String reason, List<LineRequest> requested) {
        cancelLines(orderId, reason, requested, null);
    }

    /** As {@link #cancelLines(String, String, List)}, with the request's optional Idempotency-Key ({@link RequestKeys}). */
    @Transactional
    public void cancelLines(String orderId, String reason, List<LineRequest> requested, RequestKeys.Key key) {
        List<ShipmentStore.Shipment> locked = shipments.lockOfOrder(orderId);
        if (!orders.lock(orderId)) {
            throw ApiException.notFound("order " + orderId);
        }
        if (keys.alreadyDone(orderId, key)) {
            return; // this request was done under this key: no second effect
        }
        OrderRecord order = orders.get(orderId);
        if (order.status() == OrderStatus.CANCELLED || cancellationRequested(orderId)) {
            throw ApiException.conflict("the order is cancelled");
        }
        boolean ships = process.orderType(order.orderType()).map(dev.ordo.process.OrderType::requiresShipping).orElse(true);
        if (!ships) {
            throw ApiException.unprocessable("lines", "orders of type " + order.orderType() + " can only be cancelled whole");
        }
        java.util.Map<String, OrderRecord.Line> byId = new java.util.HashMap<>();
        order.lines().forEach(l -> byId.put(l.id(), l));
        java.util.Set<String> cancel = new java.util.LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            LineRequest r = requested.get(i);
            OrderRecord.Line line = byId.get(r.lineId());
            if (line == null) {
                throw ApiException.unprocessable("lines[" + i + "].lineId", "is not a line of this order");
            }
            if (r.quantity() > line.quantity() && line.status() != LineStatus.CANCELLED) {
                throw ApiException.unprocessable("lines[" + i + "].quantity", "must be at most the line's quantity ("
                        + line.quantity() + ")");
            }
            if (line.status() != LineStatus.CANCELLED) cancel.add(line.id());
        }
        if (cancel.isEmpty()) return; // already cancelled: no second effect
        if (requested.stream().anyMatch(r -> cancel.contains(r.lineId()) && r.quantity() < byId.get(r.lineId()).quantity())) {
            modification.modify(orderId, null, requested.stream().filter(r -> cancel.contains(r.lineId()))
                    .map(r -> new OrderModification.LineChange(byId.get(r.lineId()).sku(),
                            byId.get(r.lineId()).quantity() - r.quantity(), null)).toList());
            orders.recordEvent(orderId, "LINES_CANCELLED", null, requested.stream().filter(r -> cancel.contains(r.lineId()))
                    .map(r -> r.quantity() + " x " + byId.get(r.lineId()).sku()).collect(java.util.stream.Collectors.joining(", "))
                    + " cancelled: " + reason);
            return;
        }
        boolean planned = locked.stream().anyMatch(s -> s.status() != ShipmentStatus.CANCELLED);
        if (planned) {
            throw ApiException.conflict("the order's shipments are planned: lines can no longer be cancelled one by one; "
                    + "cancel the whole order, or use a return for what has shipped");
        }
        for (String id : cancel) {
            LineStatus status = byId.get(id).status();
            if (status != LineStatus.PENDING && status != LineStatus.RESERVED) {
                throw ApiException.conflict("line " + id + " is " + status + " and cannot be cancelled on its own");
            }
        }
        boolean allOpenLines = order.lines().stream().filter(l -> l.status() != LineStatus.CANCELLED)
                .allMatch(l -> cancel.contains(l.id()));
        if (allOpenLines) {
            cancel(orderId, reason);
            return;
        }
        inventory.releaseLines(orderId, cancel);
        cancel.forEach(id -> orders.setLineStatus(id, LineStatus.CANCELLED));
        orders.recordEvent(orderId, "LINES_CANCELLED", null, cancel.stream()
                .map(id -> byId.get(id).quantity() + " x " + byId.get(id).sku()).collect(java.util.stream.Collectors.joining(", "))
                + " cancelled: " + reason);
    }

    private boolean cancellationRequested(String orderId) {
        return orders.timeline(orderId).stream().anyMatch(e -> REQUESTED.equals(e.type()));
    }
}
