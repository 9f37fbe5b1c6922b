package dev.ordo.events;

import java.util.List;
import java.util.Locale;

/**
 * The contract's event names and how timeline entries map to them. A timeline type that maps to no
 * name here (stock, review, licence entries, ...) stays on the timeline only.
 */
public final class EventTypes {
    public static final String ORDER_STATUS_CHANGED = "order.status_changed";

    /** Every event a subscription may ask for, in documentation order. */
    public static final List<String> ALL = List.of(
            ORDER_STATUS_CHANGED,
            "shipment.label_created", "shipment.shipped", "shipment.in_transit", "shipment.delivered",
            "shipment.exception", "shipment.return_received", "shipment.cancelled",
            "payment.authorized", "payment.declined", "payment.captured", "payment.voided", "payment.refunded");

    private EventTypes() {}

    /**
     * {@code ORDER_PLACED} (the order's first status, RECEIVED) and {@code STATUS_CHANGED} are
     * {@code order.status_changed}; {@code LABEL_CREATED} and {@code SHIPMENT_<X>} are
     * {@code shipment.<x>}; {@code PAYMENT_<X>} is {@code payment.<x>}. Null: not an outgoing event.
     */
    public static String of(String timelineType) {
        if (timelineType == null) return null;
        String name = switch (timelineType) {
            case "ORDER_PLACED", "STATUS_CHANGED" -> ORDER_STATUS_CHANGED;
            case "LABEL_CREATED" -> "shipment.label_created";
            default -> timelineType.startsWith("SHIPMENT_") ? "shipment." + lower(timelineType.substring(9))
                    : timelineType.startsWith("PAYMENT_") ? "payment." + lower(timelineType.substring(8)) : null;
        };
        return name != null && ALL.contains(name) ? name : null;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
