package dev.ordo.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscriptions, deliveries and the outbox feed in Ordo's tables. Plain SQL, portable to H2 and PostgreSQL. */
@Repository
class WebhookStore {
    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    record Subscription(String id, String channel, String url, String secret, List<String> events, OffsetDateTime createdAt) {}

    record FeedEvent(long seq, long outboxId, String eventId, String type, String orderId, String channel,
                     String status, OffsetDateTime occurredAt) {}

    record Delivery(String id, String subscriptionId, String eventId, String type, String orderId, String status,
                    int attempts, Integer lastResponseStatus, String lastError, OffsetDateTime nextAttemptAt,
                    OffsetDateTime createdAt, OffsetDateTime deliveredAt) {}

    /** A claimed due delivery with what sending it needs. */
    record Due(String id, String subscriptionId, String orderId, int attempts, String eventId, String type,
               String status, OffsetDateTime occurredAt, String url, String secret) {}

    // ---- subscriptions ---------------------------------------------------------------------------

    Subscription create(String channel, String createdBy, String url, String secret, List<String> events) {
        var s = new Subscription("wh_" + UUID.randomUUID().toString().replace("-", ""), channel, url, secret,
                List.copyOf(events), now());
        jdbc.sql("INSERT INTO webhook_subscriptions (id, channel, created_by, url, secret, events, created_at) VALUES (?,?,?,?,?,?,?)")
                .params(s.id(), channel, createdBy, url, secret, String.join(",", events), s.createdAt()).update();
        return s;
    }

    /** Active subscriptions; {@code channel} null means all (ops), otherwise only that channel's own. */
    List<Subscription> active(String channel, boolean all) {
        String where = all ? "" : channel == null ? " AND channel IS NULL" : " AND channel = ?";
        var spec = jdbc.sql("SELECT id, channel, url, secret, events, created_at FROM webhook_subscriptions "
                + "WHERE deleted_at IS NULL" + where + " ORDER BY created_at, id");
        if (!all && channel != null) spec = spec.param(channel);
        return spec.query((rs, i) -> subscription(rs)).list();
    }

    Optional<Subscription> find(String id) {
        return jdbc.sql("SELECT id, channel, url, secret, events, created_at FROM webhook_subscriptions WHERE id = ? AND deleted_at IS NULL")
                .param(id).query((rs, i) -> subscription(rs)).optional();
    }

    /** Soft-deletes the subscription; its pending and dead deliveries become DISCARDED (never sent). */
    boolean delete(String id) {
        OffsetDateTime now = now();
        boolean deleted = jdbc.sql("UPDATE webhook_subscriptions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
                .params(now, id).update() > 0;
        if (deleted) {
            jdbc.sql("UPDATE webhook_deliveries SET status = 'DISCARDED', locked_until = NULL, updated_at = ? "
                    + "WHERE subscription_id = ? AND status IN ('PENDING', 'DEAD')").params(now, id).update();
        }
        return deleted;
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(rs.getString("id"), rs.getString("channel"), rs.getString("url"), rs.getString("secret"),
                Arrays.asList(rs.getString("events").split(",")), rs.getObject("created_at", OffsetDateTime.class));
    }

    // ---- the outbox: numbering and the feed ------------------------------------------------------

    /** Locks the publisher row (serialising publishers on every node) and returns the last number given. */
    long lockPublisher() {
        return jdbc.sql("SELECT last_seq FROM outbox_publisher WHERE id = 1 FOR UPDATE").query(Long.class).single();
    }

    /**
     * Numbers the oldest {@code limit} unnumbered events after {@code lastSeq}, in their order, in one
     * statement (it was a SELECT and one UPDATE per event: ten statements per order in the benchmark).
     * Read them back with {@link #feed}{@code (null, lastSeq, count)}.
     *
     * @return how many events were numbered
     */
    int numberUnpublished(long lastSeq, int limit) {
        // ORDER BY seq, id (seq is NULL in every row here): the order of index outbox_unpublished (V8), so
        // PostgreSQL reads just the unnumbered range. With ORDER BY id it preferred walking the primary key
        // past every numbered row (the LIMIT made that look cheap), up to 14 ms per poll in the benchmark.
        // MERGE, not UPDATE ... FROM: H2 (the embedded default) has no UPDATE ... FROM; both have MERGE.
        return jdbc.sql("MERGE INTO order_events_outbox o USING ("
                        + "SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM ("
                        + "SELECT id FROM order_events_outbox WHERE seq IS NULL ORDER BY seq, id LIMIT ?) u) v "
                        + "ON (o.id = v.id) WHEN MATCHED THEN UPDATE SET seq = CAST(? AS BIGINT) + v.n")
                .params(limit, lastSeq).update();
    }

    void published(long lastSeq) {
        jdbc.sql("UPDATE outbox_publisher SET last_seq = ? WHERE id = 1").param(lastSeq).update();
    }

    List<FeedEvent> feed(String channel, long after, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(after);
        String where = "seq IS NOT NULL AND seq > ?";
        if (channel != null) {
            where += " AND channel = ?";
            params.add(channel);
        }
        params.add(limit);
        return jdbc.sql("SELECT id, event_id, type, order_id, channel, status, occurred_at, seq FROM order_events_outbox WHERE "
                        + where + " ORDER BY seq LIMIT ?")
                .params(params).query((rs, i) -> feedEvent(rs)).list();
    }

    private static FeedEvent feedEvent(ResultSet rs) throws SQLException {
        return new FeedEvent(rs.getLong("seq"), rs.getLong("id"), rs.getString("event_id"), rs.getString("type"),
                rs.getString("order_id"), rs.getString("channel"), rs.getString("status"),
                rs.getObject("occurred_at", OffsetDateTime.class));
    }

    // ---- deliveries -----------------------------------------------------------------------------

    void addDelivery(String subscriptionId, FeedEvent event, long seq) {
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO webhook_deliveries (id, subscription_id, outbox_id, order_id, seq, status, attempts, "
                        + "next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,?,'PENDING',0,?,?,?)")
                .params("dlv_" + UUID.randomUUID().toString().replace("-", ""), subscriptionId, event.outboxId(),
                        event.orderId(), seq, now, now, now)
                .update();
    }

    /**
     * Pending deliveries that are due, not leased, and have no earlier undelivered (pending or dead)
     * delivery of the same order to the same subscription: at most one per (subscription, order).
     */
    List<Due> due(int limit) {
        OffsetDateTime now = now();
        return jdbc.sql("SELECT d.id, d.subscription_id, d.order_id, d.attempts, o.event_id, o.type, o.status, o.occurred_at, "
                        + "s.url, s.secret FROM webhook_deliveries d "
                        + "JOIN order_events_outbox o ON o.id = d.outbox_id "
                        + "JOIN webhook_subscriptions s ON s.id = d.subscription_id "
                        + "WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND (d.locked_until IS NULL OR d.locked_until < ?) "
                        + "AND s.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e "
                        + "WHERE e.subscription_id = d.subscription_id AND e.order_id = d.order_id AND e.seq < d.seq "
                        + "AND e.status <> 'DELIVERED') ORDER BY d.seq LIMIT ?")
                .params(now, now, limit)
                .query((rs, i) -> new Due(rs.getString("id"), rs.getString("subscription_id"), rs.getString("order_id"),
                        rs.getInt("attempts"), rs.getString("event_id"), rs.getString("type"), rs.getString("status"),
                        rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("url"), rs.getString("secret")))
                .list();
    }

    /** Leases the delivery for one attempt; false when another node (or poll) got it first. */
    boolean claim(String id, java.time.Duration lease) {
        OffsetDateTime now = now();
        return jdbc.sql("UPDATE webhook_deliveries SET locked_until = ?, attempts = attempts + 1, updated_at = ? "
                        + "WHERE id = ? AND status = 'PENDING' AND (locked_until IS NULL OR locked_until < ?)")
                .params(now.plus(lease), now, id, now).update() == 1;
    }

    void delivered(String id, int responseStatus) {
        OffsetDateTime now = now();
        jdbc.sql("UPDATE webhook_deliveries SET status = 'DELIVERED', delivered_at = ?, updated_at = ?, locked_until = NULL, "
                        + "last_response_status = ?, last_error = NULL WHERE id = ? AND status = 'PENDING'")
                .params(now, now, responseStatus, id).update();
    }

    void failed(String id, Integer responseStatus, String error, boolean dead, Instant nextAttempt) {
        OffsetDateTime now = now();
        jdbc.sql("UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, updated_at = ?, locked_until = NULL, "
                        + "last_response_status = ?, last_error = ? WHERE id = ? AND status = 'PENDING'")
                .params(dead ? "DEAD" : "PENDING", nextAttempt.atOffset(ZoneOffset.UTC), now, responseStatus,
                        error == null ? null : error.length() > 500 ? error.substring(0, 497) + "..." : error, id)
                .update();
    }

    List<Delivery> deliveries(String subscriptionId, String status, int limit) {
        List<Object> params = new ArrayList<>(List.of(subscriptionId));
        String where = "d.subscription_id = ?";
        if (status != null) {
            where += " AND d.status = ?";
            params.add(status);
        }
        params.add(limit);
        return jdbc.sql("SELECT d.id, d.subscription_id, o.event_id, o.type, d.order_id, d.status, d.attempts, "
                        + "d.last_response_status, d.last_error, d.next_attempt_at, d.created_at, d.delivered_at "
                        + "FROM webhook_deliveries d JOIN order_events_outbox o ON o.id = d.outbox_id WHERE " + where
                        + " ORDER BY d.seq LIMIT ?")
                .params(params)
                .query((rs, i) -> new Delivery(rs.getString("id"), rs.getString("subscription_id"), rs.getString("event_id"),
                        rs.getString("type"), rs.getString("order_id"), rs.getString("status"), rs.getInt("attempts"),
                        (Integer) rs.getObject("last_response_status", Integer.class), rs.getString("last_error"),
                        rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("delivered_at", OffsetDateTime.class)))
                .list();
    }

    Optional<String> deliveryStatus(String subscriptionId, String deliveryId) {
        return jdbc.sql("SELECT status FROM webhook_deliveries WHERE id = ? AND subscription_id = ?")
                .params(deliveryId, subscriptionId).query(String.class).optional();
    }

    /** DEAD -> PENDING with a fresh attempt budget; false when the delivery is not DEAD. */
    boolean redeliver(String subscriptionId, String deliveryId) {
        OffsetDateTime now = now();
        return jdbc.sql("UPDATE webhook_deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?, "
                        + "locked_until = NULL WHERE id = ? AND subscription_id = ? AND status = 'DEAD'")
                .params(now, now, deliveryId, subscriptionId).update() == 1;
    }
}
