package dev.ordo.order;

/** Storefront-visible order statuses (the contract). Most are set by milestones in the diagrams. */
public enum OrderStatus {
    RECEIVED, IN_REVIEW, ON_HOLD, BACKORDERED, CONFIRMED, PARTIALLY_SHIPPED, SHIPPED, DELIVERED,
    CANCELLED, REJECTED, PARTIALLY_RETURNED, RETURNED
}
