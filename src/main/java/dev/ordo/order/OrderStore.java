package dev.ordo.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders, their lines and their timeline in Ordo's tables. Every write joins the caller's
 * transaction, which for process steps is the engine's own.
 */
@Repository
public class OrderStore {
    private static final String ORDER_COLUMNS = "id, channel, order_type, status, customer_id, customer_email, "
            + "customer_tier, currency, total, ship_name, ship_line1, ship_line2, ship_city, ship_region, "
            + "ship_postal_code, ship_country, shipping_method, payment_method, payment_token, payment_status, "
            + "process_definition_key, process_version, created_at, updated_at, bill_country";

    private final JdbcClient jdbc;
    private final ObjectProvider<OrderEventSink> sinks;

    OrderStore(JdbcClient jdbc, ObjectProvider<OrderEventSink> sinks) {
        this.jdbc = jdbc;
        this.sinks = sinks;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * A new order with its lines. {@code newCustomer} (the customer had not ordered on this channel before) and
     * {@code productCategory} (see {@link OrderPlacement#productCategory}) are kept for {@link #facts}: the
     * first cannot be recomputed later.
     */
    public void insert(OrderRecord order, boolean newCustomer, String productCategory) {
        OrderRecord.Address a = order.shippingAddress() != null ? order.shippingAddress()
                : new OrderRecord.Address(null, null, null, null, null, null, null);
        jdbc.sql("INSERT INTO orders (" + ORDER_COLUMNS + ", new_customer, product_category)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(order.id(), order.channel(), order.orderType(), order.status().name(),
                        order.customer().id(), order.customer().email(), order.customer().tier(),
                        order.currency(), order.total(), a.name(), a.line1(), a.line2(), a.city(), a.region(),
                        a.postalCode(), a.country(), order.shippingMethod(), order.paymentMethod(),
                        order.paymentToken(), order.paymentStatus(), order.processDefinitionKey(),
                        order.processVersion(), order.createdAt(), order.updatedAt(), order.billingCountry(),
                        newCustomer, productCategory)
                .update();
        for (OrderRecord.Line line : order.lines()) {
            jdbc.sql("INSERT INTO order_lines (id, order_id, line_no, sku, quantity, unit_price, status) VALUES (?,?,?,?,?,?,?)")
                    .params(line.id(), order.id(), line.lineNo(), line.sku(), line.quantity(), line.unitPrice(),
                            line.status().name())
                    .update();
        }
        recordEvent(order.id(), "ORDER_PLACED", order.status().name(),
                "Order placed on channel " + order.channel() + " as " + order.orderType());
    }

    public void setProcessVersion(String orderId, int version) {
        jdbc.sql("UPDATE orders SET process_version = ? WHERE id = ? AND (process_version IS NULL OR process_version <> ?)")
                .params(version, orderId, version).update();
    }

    /** Lines not shipped yet become CANCELLED (the order ended without them). */
    public void cancelOpenLines(String orderId) {
        jdbc.sql("UPDATE order_lines SET status = 'CANCELLED' WHERE order_id = ? AND status IN ('PENDING', 'RESERVED', 'BACKORDERED')")
                .param(orderId).update();
    }

    public Optional<OrderRecord> find(String orderId) {
        return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ?").param(orderId)
                .query((rs, i) -> order(rs, lines(orderId))).optional();
    }

    /** Locks the order's row until the transaction ends (serializes changes such as cancellations). */
    public boolean lock(String orderId) {
        return !jdbc.sql("SELECT id FROM orders WHERE id = ? FOR UPDATE").param(orderId).query(String.class).list().isEmpty();
    }

    public OrderRecord get(String orderId) {
        return find(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId + " does not exist"));
    }

    public List<OrderRecord.Line> lines(String orderId) {
        return jdbc.sql("SELECT id, line_no, sku, quantity, unit_price, status FROM order_lines WHERE order_id = ? ORDER BY line_no")
                .param(orderId)
                .query((rs, i) -> new OrderRecord.Line(rs.getString("id"), rs.getInt("line_no"), rs.getString("sku"),
                        rs.getInt("quantity"), rs.getBigDecimal("unit_price"), LineStatus.valueOf(rs.getString("status"))))
                .list();
    }

    /** A corrected shipping address (a reship after a delivery exception). */
    public void setShippingAddress(String orderId, OrderRecord.Address a) {
        jdbc.sql("UPDATE orders SET ship_name = ?, ship_line1 = ?, ship_line2 = ?, ship_city = ?, ship_region = ?, "
                        + "ship_postal_code = ?, ship_country = ?, updated_at = ? WHERE id = ?")
                .params(a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country(), now(), orderId)
                .update();
    }

    /** Moves the order to {@code status}; a no-op (and no timeline entry) when it is already there. */
    public boolean moveTo(String orderId, OrderStatus status, String detail) {
        int changed = jdbc.sql("UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status <> ?")
                .params(status.name(), now(), orderId, status.name()).update();
        if (changed > 0) {
            recordEvent(orderId, "STATUS_CHANGED", status.name(), detail);
        }
        return changed > 0;
    }

    public void setPaymentStatus(String orderId, String paymentStatus) {
        jdbc.sql("UPDATE orders SET payment_status = ?, updated_at = ? WHERE id = ?")
                .params(paymentStatus, now(), orderId).update();
    }

    public void setLineStatus(String lineId, LineStatus status) {
        jdbc.sql("UPDATE order_lines SET status = ? WHERE id = ?").params(status.name(), lineId).update();
    }

    /** A line's new quantity (a modification); its status is the caller's. */
    public void setLineQuantity(String lineId, int quantity) {
        jdbc.sql("UPDATE order_lines SET quantity = ? WHERE id = ?").params(quantity, lineId).update();
    }

    /** Adds a line to a placed order (a modification), numbered after the order's last line. */
    public void addLine(String orderId, String lineId, String sku, int quantity, BigDecimal unitPrice) {
        jdbc.sql("INSERT INTO order_lines (id, order_id, line_no, sku, quantity, unit_price, status) "
                        + "SELECT ?, ?, COALESCE(MAX(line_no), 0) + 1, ?, ?, ?, 'PENDING' FROM order_lines WHERE order_id = ?")
                .params(lineId, orderId, sku, quantity, unitPrice, orderId).update();
    }

    /**
     * The order's total and product category after its lines changed. Facts already read in this transaction
     * ({@link OrderFacts}) are forgotten, so a call activity that starts later in it sees the change.
     */
    public void setTotal(String orderId, BigDecimal total, String productCategory) {
        jdbc.sql("UPDATE orders SET total = ?, product_category = ?, updated_at = ? WHERE id = ?")
                .params(total, productCategory, now(), orderId).update();
        OrderFacts.forget(orderId);
    }

    /**
     * What the diagrams' decisions and gateways read of an order (the order's facts, passed to its called
     * processes as process variables), in one query; empty for an unknown order. {@code releaseDate} is the
     * latest release date of its products (null: none has one).
     */
    public Optional<Facts> facts(String orderId) {
        return jdbc.sql("""
                SELECT o.order_type, o.total, o.customer_tier, o.new_customer, o.ship_country, o.ship_region,
                       o.bill_country, o.shipping_method, o.product_category,
                       (SELECT MAX(p.release_date) FROM order_lines l JOIN products p ON p.sku = l.sku
                         WHERE l.order_id = o.id) AS release_date
                FROM orders o WHERE o.id = ?""").param(orderId)
                .query((rs, n) -> new Facts(rs.getString("order_type"), rs.getBigDecimal("total"),
                        rs.getString("customer_tier"), rs.getBoolean("new_customer"), rs.getString("ship_country"),
                        rs.getString("ship_region"), rs.getString("bill_country"), rs.getString("shipping_method"),
                        rs.getString("product_category"), rs.getObject("release_date", java.time.LocalDate.class)))
                .optional();
    }

    /** See {@link #facts}. */
    public record Facts(String orderType, BigDecimal total, String customerTier, boolean newCustomer,
                        String destinationCountry, String destinationRegion, String billingCountry, String shippingMethod,
                        String productCategory, java.time.LocalDate releaseDate) {
        /** Billed in another country than it ships to (the risk table's address check). */
        public boolean addressMismatch() {
            return billingCountry != null && destinationCountry != null && !billingCountry.equals(destinationCountry);
        }
    }

    public void setAllLinesStatus(String orderId, LineStatus status) {
        jdbc.sql("UPDATE order_lines SET status = ? WHERE order_id = ? AND status <> 'CANCELLED'")
                .params(status.name(), orderId).update();
    }

    /** Appends to the timeline; the event sinks (the webhook outbox) see it in the same transaction. */
    public void recordEvent(String orderId, String type, String status, String detail) {
        OffsetDateTime at = now();
        jdbc.sql("INSERT INTO order_events (order_id, at, type, status, detail) VALUES (?,?,?,?,?)")
                .params(orderId, at, type, status, detail == null ? null : truncate(detail)).update();
        sinks.orderedStream().forEach(sink -> sink.recorded(orderId, type, status, at));
    }

    public List<TimelineEntry> timeline(String orderId) {
        return jdbc.sql("SELECT at, type, status, detail FROM order_events WHERE order_id = ? ORDER BY id")
                .param(orderId)
                .query((rs, i) -> new TimelineEntry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("type"), rs.getString("status"), rs.getString("detail")))
                .list();
    }

    /** A page of orders, newest first; {@code channel} null means every channel. */
    public Page list(String channel, String customerId, OrderStatus status, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (channel != null) { where.append(" AND channel = ?"); params.add(channel); }
        if (customerId != null) { where.append(" AND customer_id = ?"); params.add(customerId); }
        if (status != null) { where.append(" AND status = ?"); params.add(status.name()); }
        long total = jdbc.sql("SELECT COUNT(*) FROM orders" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<String> ids = jdbc.sql("SELECT id FROM orders" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(pageParams).query(String.class).list();
        return new Page(ids, total);
    }

    /** Whether the customer placed an order on this channel before (the risk rules' "known customer"). */
    public boolean hasOrdered(String channel, String customerId) {
        // The first row answers it: a regular customer's orders are not counted on every placement.
        return jdbc.sql("SELECT 1 FROM orders WHERE customer_id = ? AND channel = ? FETCH FIRST 1 ROWS ONLY")
                .params(customerId, channel).query(Integer.class).optional().isPresent();
    }

    /**
     * Orders that may be waiting for {@code sku}: a backordered line of it (also the remainder of an
     * order that is already shipping), or a whole order waiting for stock (e.g. a pre-order).
     */
    public List<String> backorderedWith(String sku) {
        return jdbc.sql("SELECT DISTINCT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id "
                        + "WHERE l.sku = ? AND (l.status = 'BACKORDERED' OR (o.status = 'BACKORDERED' AND l.status = 'PENDING'))")
                .param(sku).query(String.class).list();
    }

    /** How many orders there are per order type and status (one grouped query, for the metrics). */
    public List<Count> countByTypeAndStatus() {
        return jdbc.sql("SELECT order_type, status, COUNT(*) AS n FROM orders GROUP BY order_type, status")
                .query((rs, i) -> new Count(rs.getString("order_type"), rs.getString("status"), rs.getLong("n")))
                .list();
    }

    public record Count(String orderType, String status, long orders) {}

    public record Page(List<String> orderIds, long total) {}

    public record TimelineEntry(java.time.Instant at, String type, String status, String detail) {}

    private static String truncate(String detail) {
        return detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }

    private static OrderRecord order(ResultSet rs, List<OrderRecord.Line> lines) throws SQLException {
        OrderRecord.Address address = rs.getString("ship_line1") == null ? null : new OrderRecord.Address(
                rs.getString("ship_name"), rs.getString("ship_line1"), rs.getString("ship_line2"),
                rs.getString("ship_city"), rs.getString("ship_region"), rs.getString("ship_postal_code"),
                rs.getString("ship_country"));
        Integer version = (Integer) rs.getObject("process_version", Integer.class);
        BigDecimal total = rs.getBigDecimal("total");
        return new OrderRecord(rs.getString("id"), rs.getString("channel"), rs.getString("order_type"),
                OrderStatus.valueOf(rs.getString("status")),
                new OrderRecord.Customer(rs.getString("customer_id"), rs.getString("customer_email"),
                        rs.getString("customer_tier")),
                rs.getString("currency"), total, address, rs.getString("shipping_method"),
                rs.getString("payment_method"), rs.getString("payment_token"), rs.getString("payment_status"),
                rs.getString("process_definition_key"), version,
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                lines, rs.getString("bill_country"));
    }
}
