package dev.ordo.order;

import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.ShipmentStore;
import org.springframework.stereotype.Component;

/** Applies milestones reached in an order's diagram to the order's status and timeline. */
@Component
public class OrderMilestones {
    private final OrderStore orders;
    private final ShipmentStore shipments;

    OrderMilestones(OrderStore orders, ShipmentStore shipments) {
        this.orders = orders;
        this.shipments = shipments;
    }

    /**
     * {@code SHIPPED} is reached once per shipment: while other shipments of the order are still
     * with the warehouse, the order is {@code PARTIALLY_SHIPPED}.
     */
    public void reached(String orderId, OrderStatus status, String milestoneName) {
        OrderStatus effective = status;
        if (status == OrderStatus.SHIPPED && shipments.ofOrder(orderId).stream()
                .anyMatch(s -> s.status() != ShipmentStatus.CANCELLED && !s.status().handedToCarrier())) {
            effective = OrderStatus.PARTIALLY_SHIPPED;
        }
        orders.moveTo(orderId, effective, milestoneName);
    }
}
