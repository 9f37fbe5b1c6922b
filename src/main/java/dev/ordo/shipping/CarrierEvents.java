package dev.ordo.shipping;

import dev.ordo.order.OrderStore;
import dev.ordo.process.OrderProcess;
import dev.ordo.returns.Returns;
import dev.ordo.web.ApiException;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carrier tracking events: moves the shipment on and tells the order's process, in one transaction.
 * An event that does not move the shipment forward (a duplicate, or one older than what is known)
 * is accepted and has no effect. The shipment row is locked first, so an event and the process step
 * that reads the shipment never miss each other. Events are matched by tracking number: after a
 * re-label (address change) the old tracking number's events have no effect.
 */
@Service
public class CarrierEvents {
    public enum Status { SHIPPED, IN_TRANSIT, DELIVERED, EXCEPTION, RETURN_RECEIVED }

    private static final Map<ShipmentStatus, Integer> RANK = Map.of(
            ShipmentStatus.PLANNED, 0, ShipmentStatus.LABEL_CREATED, 1, ShipmentStatus.SHIPPED, 2,
            ShipmentStatus.EXCEPTION, 3, ShipmentStatus.IN_TRANSIT, 3, ShipmentStatus.DELIVERED, 4);

    private final ShipmentStore shipments;
    private final OrderStore orders;
    private final OrderProcess process;
    private final Returns returns;

    CarrierEvents(ShipmentStore shipments, OrderStore orders, OrderProcess process, Returns returns) {
        this.shipments = shipments;
        this.orders = orders;
        this.process = process;
        this.returns = returns;
    }

    /** @return true when the event changed something, false for a repeated or outdated event */
    @Transactional
    public boolean handle(String trackingNumber, Status status, String detail) {
        if (status == Status.RETURN_RECEIVED) { // the tracking number of a return label
            return returns.received(trackingNumber, detail)
                    .orElseThrow(() -> ApiException.notFound("a return with tracking number " + trackingNumber));
        }
        Optional<ShipmentStore.Shipment> found = shipments.byTrackingNumber(trackingNumber);
        if (found.isEmpty()) {
            throw ApiException.notFound("a shipment with tracking number " + trackingNumber);
        }
        ShipmentStore.Shipment shipment = shipments.lock(found.get().id());
        if (!trackingNumber.equals(shipment.trackingNumber())) {
            // The label was replaced (an address change) while this event waited for the row: the old
            // label is cancelled, its events have no effect; the shipment now ships under the new one.
            return false;
        }
        ShipmentStatus next = ShipmentStatus.valueOf(status.name());
        if (shipment.status() == ShipmentStatus.CANCELLED || !advances(shipment.status(), next)) {
            return false;
        }
        boolean wasWithCarrier = shipment.status().handedToCarrier();
        shipments.setStatus(shipment.id(), next);
        orders.recordEvent(shipment.orderId(), "SHIPMENT_" + next.name(), null, "Shipment " + shipment.id() + " ("
                + trackingNumber + ") " + next.name().toLowerCase().replace('_', ' ') + (detail == null ? "" : ": " + detail));
        if (!wasWithCarrier) {
            process.shipmentShipped(shipment.id());
        }
        if (next == ShipmentStatus.EXCEPTION) {
            // Opens "Resolve delivery exception"; if the process has not reached its wait yet, the
            // capture step sees EXCEPTION and goes there itself.
            process.shipmentException(shipment.id());
        }
        if (next == ShipmentStatus.DELIVERED) {
            // If the process has not reached its wait yet, the capture step sees DELIVERED and skips the wait.
            process.shipmentDelivered(shipment.id());
        }
        return true;
    }

    private static boolean advances(ShipmentStatus current, ShipmentStatus next) {
        if (next == ShipmentStatus.EXCEPTION) {
            return current == ShipmentStatus.SHIPPED || current == ShipmentStatus.IN_TRANSIT;
        }
        return RANK.get(next) > RANK.get(current) || (current == ShipmentStatus.EXCEPTION && next == ShipmentStatus.IN_TRANSIT);
    }
}
