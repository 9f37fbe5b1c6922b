package dev.ordo.order;

/** Status of one order line. */
public enum LineStatus {
    PENDING, RESERVED, BACKORDERED, SHIPPED, CANCELLED
}
