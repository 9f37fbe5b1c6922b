package dev.ordo.events;

import dev.ordo.order.OrderEventSink;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes the outgoing events of the timeline into the outbox, in the caller's transaction. */
@Component
class OutboxWriter implements OrderEventSink {
    private final JdbcClient jdbc;

    OutboxWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recorded(String orderId, String timelineType, String status, OffsetDateTime at) {
        String type = EventTypes.of(timelineType);
        if (type == null) return;
        // the order's channel taken in the same statement: one round trip per event, not two
        int inserted = jdbc.sql("INSERT INTO order_events_outbox (event_id, type, order_id, channel, status, occurred_at) "
                        + "SELECT ?, ?, id, channel, ?, ? FROM orders WHERE id = ?")
                .params("evt_" + UUID.randomUUID().toString().replace("-", ""), type,
                        EventTypes.ORDER_STATUS_CHANGED.equals(type) ? status : null, at, orderId)
                .update();
        if (inserted != 1) {
            throw new IllegalStateException("no order " + orderId + " for its " + type + " event");
        }
    }
}
