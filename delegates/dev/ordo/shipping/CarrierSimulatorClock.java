package dev.ordo.shipping;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The simulated carriers' trucks: when {@code ordo.carrier.simulator.auto-advance} is on (the demo
 * default), every shipment moves LABEL_CREATED → SHIPPED → IN_TRANSIT → DELIVERED, one step per
 * {@code advance-delay}, through the same path as a real carrier's events. It works from the
 * shipments table, so it picks up where it left off after a restart.
 */
@Component
@ConditionalOnProperty(name = "ordo.carrier.simulator.auto-advance", havingValue = "true")
class CarrierSimulatorClock {
    private static final Logger log = LoggerFactory.getLogger(CarrierSimulatorClock.class);
    private static final List<ShipmentStatus> FROM = List.of(ShipmentStatus.IN_TRANSIT, ShipmentStatus.SHIPPED, ShipmentStatus.LABEL_CREATED);

    private final ShipmentStore shipments;
    private final CarrierEvents events;
    private final CarrierSimulatorProperties properties;

    CarrierSimulatorClock(ShipmentStore shipments, CarrierEvents events, CarrierSimulatorProperties properties) {
        this.shipments = shipments;
        this.events = events;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "PT1S", initialDelayString = "PT5S")
    void advance() {
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).minus(properties.advanceDelay());
        for (ShipmentStatus from : FROM) {
            for (var shipment : shipments.inStatusSince(from, due, 100)) {
                CarrierEvents.Status next = switch (from) {
                    case LABEL_CREATED -> CarrierEvents.Status.SHIPPED;
                    case SHIPPED -> CarrierEvents.Status.IN_TRANSIT;
                    default -> CarrierEvents.Status.DELIVERED;
                };
                try {
                    events.handle(shipment.trackingNumber(), next, "simulated by " + shipment.carrier());
                } catch (RuntimeException e) {
                    log.warn("Carrier simulator could not move shipment {} to {}: {}", shipment.id(), next, e.getMessage());
                }
            }
        }
    }
}
