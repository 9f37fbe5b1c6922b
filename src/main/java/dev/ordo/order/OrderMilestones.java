package dev.ordo.order;

import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.ShipmentStore;
import org.springframework.stereotype.Component;

/** Applies milestones reached in an order's diagram to the order's status and timeline. */
@Component
public class OrderMilestones {
    private final OrderStore orders;
    private final ShipmentStore shipments;
    private final dev.ordo.returns.ReturnStore returns;

    OrderMilestones(OrderStore orders, ShipmentStore shipments, dev.ordo.returns.ReturnStore returns) {
        this.orders = orders;
        this.shipments = shipments;
        this.returns = returns;
    }

    /** Statuses that describe an order before anything is shipped. */
    private static final java.util.Set<OrderStatus> BEFORE_SHIPPING = java.util.EnumSet.of(
            OrderStatus.RECEIVED, OrderStatus.IN_REVIEW, OrderStatus.BACKORDERED, OrderStatus.CONFIRMED);

    /**
     * Applies a milestone, with two refinements for orders that ship in parts:
     * <ul>
     * <li>{@code SHIPPED} is reached once per shipment: while another shipment is still at a warehouse
     * or lines are still backordered, the order is {@code PARTIALLY_SHIPPED};</li>
     * <li>once shipments are planned, a backordered remainder passing {@code CONFIRMED} or
     * {@code BACKORDERED} does not move the order back (its lines show BACKORDERED).</li>
     * <li>{@code RETURNED} (the end of a return) is {@code PARTIALLY_RETURNED} until every line not
     * cancelled is back in full in refunded returns; and an order with refunded returns that reaches
     * {@code DELIVERED} afterwards (a return of a first shipment) keeps its return status.</li>
     * </ul>
     * A rejected or cancelled order's lines that never shipped are cancelled. {@code processVersion}
     * (the order's own process, null for called processes) keeps the stored version current after a
     * migration.
     */
    public void reached(String orderId, OrderStatus status, String milestoneName, Integer processVersion) {
        if (processVersion != null) {
            orders.setProcessVersion(orderId, processVersion); // keeps up with migrations
        }
        var orderShipments = shipments.ofOrder(orderId).stream().filter(s -> s.status() != ShipmentStatus.CANCELLED).toList();
        if (BEFORE_SHIPPING.contains(status) && !orderShipments.isEmpty()) {
            return;
        }
        OrderStatus effective = status;
        if (status == OrderStatus.SHIPPED && (orderShipments.stream().anyMatch(s -> !s.status().handedToCarrier())
                || orders.lines(orderId).stream().anyMatch(l -> l.status() == LineStatus.BACKORDERED || l.status() == LineStatus.PENDING))) {
            effective = OrderStatus.PARTIALLY_SHIPPED;
        }
        if (status == OrderStatus.DELIVERED && orderShipments.isEmpty() && !shipments.ofOrder(orderId).isEmpty()) {
            // every shipment was refunded after a delivery exception: nothing was delivered
            orders.moveTo(orderId, OrderStatus.CANCELLED, milestoneName + " (nothing delivered: every shipment refunded)");
            return;
        }
        if (status == OrderStatus.RETURNED || status == OrderStatus.DELIVERED) {
            var returned = returns.returnedQuantities(orderId, true);
            if (!returned.isEmpty()) {
                boolean all = orders.lines(orderId).stream().filter(l -> l.status() != LineStatus.CANCELLED)
                        .allMatch(l -> returned.getOrDefault(l.id(), 0) >= l.quantity());
                effective = all ? OrderStatus.RETURNED : OrderStatus.PARTIALLY_RETURNED;
            } else if (status == OrderStatus.RETURNED) {
                effective = OrderStatus.PARTIALLY_RETURNED;
            }
        }
        orders.moveTo(orderId, effective, milestoneName);
        if (effective == OrderStatus.REJECTED || effective == OrderStatus.CANCELLED) {
            orders.cancelOpenLines(orderId);
        }
    }
}
