package dev.ordo.order;

import dev.ordo.adapter.AdapterFailure;
import dev.ordo.process.OrderProcess;
import dev.ordo.process.OrderType;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.ShipmentStore;
import dev.ordo.web.ApiException;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Modifying an order before it ships: a new shipping address. In one transaction, like the
 * cancellation: lock the order's shipment rows, then the order row (a carrier's SHIPPED event locks
 * the same shipment row, so exactly one of the two wins), refuse when a shipment was handed to the
 * carrier, store the new address, and correlate {@code OrderModified} to the order's fulfilment,
 * whose event subprocess "Order modified" re-labels, inside this transaction, the shipments that
 * already have a label (old label cancelled, new tracking number). A carrier failure while
 * re-labelling rolls everything back (503, nothing changed).
 */
@Service
public class OrderModification {
    static final String ADDRESS_CHANGED = "SHIPPING_ADDRESS_CHANGED";

    private final OrderStore orders;
    private final ShipmentStore shipments;
    private final OrderProcess process;

    OrderModification(OrderStore orders, ShipmentStore shipments, OrderProcess process) {
        this.orders = orders;
        this.shipments = shipments;
        this.process = process;
    }

    /**
     * Checks the address the way placement does (bean validation of {@link PlaceOrderRequest.Address}
     * is the caller's; the country here). Throws 400 naming {@code shippingAddress.country}.
     */
    public static void check(PlaceOrderRequest.Address address) {
        Addresses.checkCountry("shippingAddress", address).ifPresent(problem -> {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", problem.field() + ": " + problem.message(),
                    List.of(problem));
        });
    }

    /** @return true when the address changed, false when it already was this address (no second effect) */
    @Transactional
    public boolean changeAddress(String orderId, PlaceOrderRequest.Address requested) {
        check(requested);
        // Shipment rows first, then the order row (the order of locks of CarrierEvents and the cancellation).
        shipments.lockOfOrder(orderId);
        if (!orders.lock(orderId)) {
            throw ApiException.notFound("order " + orderId);
        }
        // Again, now that the order row is ours: shipments planned meanwhile (Task_PlanShipments holds
        // the order row while it plans) are locked too, so their label step waits for this change.
        List<ShipmentStore.Shipment> locked = shipments.lockOfOrder(orderId);
        OrderRecord order = orders.get(orderId);
        boolean ships = process.orderType(order.orderType()).map(OrderType::requiresShipping).orElse(true);
        if (!ships) {
            throw ApiException.unprocessable("shippingAddress", "orders of type " + order.orderType() + " ship nothing");
        }
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REJECTED
                || orders.timeline(orderId).stream().anyMatch(e -> OrderCancellation.REQUESTED.equals(e.type()))) {
            throw ApiException.conflict("the order is " + (order.status() == OrderStatus.REJECTED ? "rejected" : "cancelled")
                    + ": it can no longer be modified");
        }
        for (ShipmentStore.Shipment shipment : locked) {
            if (shipment.status().handedToCarrier()) {
                throw ApiException.conflict("shipment " + shipment.id() + " has been handed to the carrier ("
                        + shipment.status() + "): the shipping address can no longer be changed");
            }
        }
        OrderRecord.Address address = Addresses.toRecord(requested);
        if (Objects.equals(address, order.shippingAddress())) {
            return false;
        }
        orders.setShippingAddress(orderId, address);
        orders.recordEvent(orderId, ADDRESS_CHANGED, null, "Shipping address changed to " + address.line1() + ", "
                + address.postalCode() + " " + address.city() + ", " + address.country());
        boolean labelled = locked.stream().anyMatch(s -> s.status() == ShipmentStatus.LABEL_CREATED);
        boolean told;
        try {
            told = process.orderModified(orderId);
        } catch (RuntimeException e) {
            if (!causedByAdapterFailure(e)) throw e;
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Carrier unavailable",
                    "the carrier could not re-label the shipments to the new address; nothing was changed, try again", List.of());
        }
        if (labelled && !told) {
            // Labels exist but no fulfilment listens (e.g. an instance on a version without "Order modified").
            throw ApiException.conflict("the order's labels cannot be replaced by its process version; the address was not changed");
        }
        return true;
    }

    private static boolean causedByAdapterFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AdapterFailure) return true;
        }
        return false;
    }
}
