package dev.ordo.order;

import java.time.OffsetDateTime;

/**
 * Told about every timeline entry {@link OrderStore#recordEvent} writes, inside the same
 * transaction; the events module implements it to fill the outbox.
 */
public interface OrderEventSink {
    void recorded(String orderId, String timelineType, String status, OffsetDateTime at);
}
