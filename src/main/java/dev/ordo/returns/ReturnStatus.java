package dev.ordo.returns;

/** Where a return stands: label issued, goods back at the warehouse, inspected, money refunded. */
public enum ReturnStatus {
    REQUESTED, RECEIVED, INSPECTED, REFUNDED
}
