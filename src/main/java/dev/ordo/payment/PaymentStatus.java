package dev.ordo.payment;

/** The order's payment status (the contract). */
public enum PaymentStatus {
    PENDING, AUTHORIZED, DECLINED, PARTIALLY_CAPTURED, CAPTURED, VOIDED, PARTIALLY_REFUNDED, REFUNDED
}
