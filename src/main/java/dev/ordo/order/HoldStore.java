package dev.ordo.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table order_holds: fulfilment holds placed by ops; active while released_at is null. */
@Repository
public class HoldStore {
    /** Why ops hold an order. */
    public enum Reason { FRAUD_CHECK, ADDRESS_CHECK, PAYMENT_ISSUE }

    public record Hold(String id, String orderId, Reason reason, String note, Instant placedAt, Instant releasedAt) {
        public boolean active() {
            return releasedAt == null;
        }
    }

    private final JdbcClient jdbc;

    HoldStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Hold place(String orderId, Reason reason, String note) {
        var now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO order_holds (id, order_id, reason, note, placed_at) VALUES (?,?,?,?,?)")
                .params(id, orderId, reason.name(), note, now).update();
        return new Hold(id, orderId, reason, note, now.toInstant(), null);
    }

    Optional<Hold> find(String orderId, String holdId) {
        return jdbc.sql("SELECT id, order_id, reason, note, placed_at, released_at FROM order_holds WHERE id = ? AND order_id = ?")
                .params(holdId, orderId).query(HoldStore::hold).optional();
    }

    /** @return true when this call released the hold (false: already released) */
    boolean release(String holdId) {
        return jdbc.sql("UPDATE order_holds SET released_at = ? WHERE id = ? AND released_at IS NULL")
                .params(OffsetDateTime.now(ZoneOffset.UTC), holdId).update() == 1;
    }

    /** The order's active holds, oldest first. */
    public List<Hold> active(String orderId) {
        return jdbc.sql("SELECT id, order_id, reason, note, placed_at, released_at FROM order_holds "
                        + "WHERE order_id = ? AND released_at IS NULL ORDER BY placed_at, id")
                .param(orderId).query(HoldStore::hold).list();
    }

    private static Hold hold(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var released = rs.getObject("released_at", OffsetDateTime.class);
        return new Hold(rs.getString("id"), rs.getString("order_id"), Reason.valueOf(rs.getString("reason")),
                rs.getString("note"), rs.getObject("placed_at", OffsetDateTime.class).toInstant(),
                released == null ? null : released.toInstant());
    }
}
