package dev.ordo.shipping;

/** Shipment statuses (the contract), in the order a shipment normally passes them. */
public enum ShipmentStatus {
    PLANNED, LABEL_CREATED, SHIPPED, IN_TRANSIT, DELIVERED, EXCEPTION, CANCELLED;

    /** True once the goods are with the carrier. */
    public boolean handedToCarrier() {
        return this == SHIPPED || this == IN_TRANSIT || this == DELIVERED || this == EXCEPTION;
    }
}
