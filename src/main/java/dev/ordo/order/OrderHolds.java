package dev.ordo.order;

import dev.ordo.process.OrderProcess;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.ShipmentStore;
import dev.ordo.web.ApiException;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fulfilment holds placed and released by ops. The diagram fulfil-order checks for active holds in
 * Task_CheckHolds (which locks the order row, as these do) right before Task_PlanShipments: a held
 * order shows ON_HOLD and waits for message {@code HoldReleased}, correlated here when the last
 * active hold is released. Holds only stop shipment planning: they are refused (409) once the order
 * has ended, or once its shipments are planned and no backordered rest is left to plan.
 */
@Service
public class OrderHolds {
    private static final Set<OrderStatus> ENDED = EnumSet.of(OrderStatus.CANCELLED, OrderStatus.REJECTED,
            OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_RETURNED, OrderStatus.RETURNED);

    private final OrderStore orders;
    private final HoldStore holds;
    private final ShipmentStore shipments;
    private final OrderProcess process;

    OrderHolds(OrderStore orders, HoldStore holds, ShipmentStore shipments, OrderProcess process) {
        this.orders = orders;
        this.holds = holds;
        this.shipments = shipments;
        this.process = process;
    }

    @Transactional
    public HoldStore.Hold place(String orderId, HoldStore.Reason reason, String note) {
        if (!orders.lock(orderId)) {
            throw ApiException.notFound("order " + orderId);
        }
        OrderRecord order = orders.get(orderId);
        if (ENDED.contains(order.status()) || cancellationRequested(orderId)) {
            throw ApiException.conflict("order is " + order.status() + " and can no longer be held");
        }
        boolean ships = process.orderType(order.orderType()).map(dev.ordo.process.OrderType::requiresShipping).orElse(true);
        if (!ships) {
            throw ApiException.conflict("orders of type " + order.orderType() + " ship nothing and cannot be held");
        }
        boolean planned = shipments.ofOrder(orderId).stream().anyMatch(s -> s.status() != ShipmentStatus.CANCELLED);
        boolean restToPlan = order.lines().stream()
                .anyMatch(l -> l.status() == LineStatus.PENDING || l.status() == LineStatus.BACKORDERED);
        if (planned && !restToPlan) {
            throw ApiException.conflict("the order's shipments are planned: a hold can no longer stop them");
        }
        HoldStore.Hold hold = holds.place(orderId, reason, note);
        orders.recordEvent(orderId, "HOLD_PLACED", null, "Hold placed: " + reason + (note == null ? "" : " (" + note + ")"));
        return hold;
    }

    /** Releases the hold; when no active hold is left, the order's waiting process goes on. */
    @Transactional
    public void release(String orderId, String holdId) {
        if (!orders.lock(orderId)) {
            throw ApiException.notFound("order " + orderId);
        }
        HoldStore.Hold hold = holds.find(orderId, holdId)
                .orElseThrow(() -> ApiException.notFound("hold " + holdId + " of order " + orderId));
        if (!holds.release(hold.id())) {
            return; // already released: no second effect
        }
        orders.recordEvent(orderId, "HOLD_RELEASED", null, "Hold released: " + hold.reason());
        if (holds.active(orderId).isEmpty()) {
            process.holdReleased(orderId);
        }
    }

    public java.util.List<HoldStore.Hold> active(String orderId) {
        return holds.active(orderId);
    }

    private boolean cancellationRequested(String orderId) {
        return orders.timeline(orderId).stream().anyMatch(e -> OrderCancellation.REQUESTED.equals(e.type()));
    }
}
