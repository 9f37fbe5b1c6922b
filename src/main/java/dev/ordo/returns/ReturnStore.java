package dev.ordo.returns;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Ordo's returns and return lines, and the shipped and returned quantities the rules need. */
@Repository
public class ReturnStore {
    private final JdbcClient jdbc;

    ReturnStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Return(String id, String orderId, ReturnStatus status, String reason, String carrier,
                         String trackingNumber, String inspectionOutcome, String inspectionComment, BigDecimal refunded) {}

    public record Line(String lineId, int quantity) {}

    /** A quantity of an order line that left a warehouse in a shipment handed to the carrier. */
    public record ShippedLine(String warehouseId, String carrier, String service, String lineId, String sku, int quantity) {}

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    void insert(String id, String orderId, String reason, List<Line> lines) {
        jdbc.sql("INSERT INTO returns (id, order_id, status, reason, created_at, updated_at) VALUES (?,?,?,?,?,?)")
                .params(id, orderId, ReturnStatus.REQUESTED.name(), reason, now(), now()).update();
        for (Line line : lines) {
            jdbc.sql("INSERT INTO return_lines (return_id, line_id, quantity) VALUES (?,?,?)")
                    .params(id, line.lineId(), line.quantity()).update();
        }
    }

    /** Locks the order's row, so two returns of the same order are validated one after the other. */
    void lockOrder(String orderId) {
        jdbc.sql("SELECT id FROM orders WHERE id = ? FOR UPDATE").param(orderId).query(String.class).optional();
    }

    public Optional<Return> find(String returnId) {
        return jdbc.sql("SELECT * FROM returns WHERE id = ?").param(returnId).query(ReturnStore::row).optional();
    }

    public Return get(String returnId) {
        return find(returnId).orElseThrow(() -> new IllegalStateException("no return " + returnId));
    }

    /** The return with this label's tracking number, locked for the carrier event that names it. */
    public Optional<Return> lockByTrackingNumber(String trackingNumber) {
        return jdbc.sql("SELECT * FROM returns WHERE tracking_number = ? FOR UPDATE").param(trackingNumber)
                .query(ReturnStore::row).optional();
    }

    public List<Line> lines(String returnId) {
        return jdbc.sql("SELECT line_id, quantity FROM return_lines WHERE return_id = ? ORDER BY line_id").param(returnId)
                .query((rs, i) -> new Line(rs.getString("line_id"), rs.getInt("quantity"))).list();
    }

    public void labelCreated(String returnId, String carrier, String trackingNumber) {
        jdbc.sql("UPDATE returns SET carrier = ?, tracking_number = ?, updated_at = ? WHERE id = ?")
                .params(carrier, trackingNumber, now(), returnId).update();
    }

    public void setStatus(String returnId, ReturnStatus status) {
        jdbc.sql("UPDATE returns SET status = ?, updated_at = ? WHERE id = ?").params(status.name(), now(), returnId).update();
    }

    public void inspected(String returnId, String outcome, String comment) {
        jdbc.sql("UPDATE returns SET status = ?, inspection_outcome = ?, inspection_comment = ?, updated_at = ? WHERE id = ?")
                .params(ReturnStatus.INSPECTED.name(), outcome, comment, now(), returnId).update();
    }

    public void refunded(String returnId, BigDecimal amount) {
        jdbc.sql("UPDATE returns SET status = ?, refunded = ?, updated_at = ? WHERE id = ?")
                .params(ReturnStatus.REFUNDED.name(), amount, now(), returnId).update();
    }

    /** What of the order left a warehouse with a carrier, shipment by shipment (oldest first). */
    public List<ShippedLine> shipped(String orderId) {
        return jdbc.sql("SELECT s.warehouse_id, s.carrier, s.service, sl.line_id, sl.sku, sl.quantity FROM shipment_lines sl "
                        + "JOIN shipments s ON s.id = sl.shipment_id WHERE s.order_id = ? "
                        + "AND s.status IN ('SHIPPED', 'IN_TRANSIT', 'DELIVERED', 'EXCEPTION') ORDER BY s.created_at, s.id")
                .param(orderId)
                .query((rs, i) -> new ShippedLine(rs.getString("warehouse_id"), rs.getString("carrier"), rs.getString("service"),
                        rs.getString("line_id"), rs.getString("sku"), rs.getInt("quantity")))
                .list();
    }

    /** Quantities per order line in the order's returns; {@code completedOnly}: refunded returns only. */
    public Map<String, Integer> returnedQuantities(String orderId, boolean completedOnly) {
        Map<String, Integer> result = new HashMap<>();
        jdbc.sql("SELECT rl.line_id, SUM(rl.quantity) AS q FROM return_lines rl JOIN returns r ON r.id = rl.return_id "
                        + "WHERE r.order_id = ?" + (completedOnly ? " AND r.status = 'REFUNDED'" : "") + " GROUP BY rl.line_id")
                .param(orderId)
                .query((rs, i) -> result.put(rs.getString("line_id"), rs.getInt("q"))).list();
        return result;
    }

    private static Return row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Return(rs.getString("id"), rs.getString("order_id"), ReturnStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getString("carrier"), rs.getString("tracking_number"),
                rs.getString("inspection_outcome"), rs.getString("inspection_comment"), rs.getBigDecimal("refunded"));
    }
}
