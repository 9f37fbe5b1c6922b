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

    OrderCancellation(OrderStore orders, ShipmentStore shipments, OrderProcess process) {
        this.orders = orders;
        this.shipments = shipments;
        this.process = process;
    }

    /** @return true when this call cancelled the order, false when it was already cancelled or being cancelled */
    @Transactional
    public boolean cancel(String orderId, String reason) {
        // Shipment rows first, then the order row: a carrier event locks its shipment and then updates
        // the order, so the same order of locks cannot deadlock.
        List<ShipmentStore.Shipment> locked = shipments.lockOfOrder(orderId);
        if (!orders.lock(orderId)) {
            throw ApiException.notFound("order " + orderId);
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

    private boolean cancellationRequested(String orderId) {
        return orders.timeline(orderId).stream().anyMatch(e -> REQUESTED.equals(e.type()));
    }
}
