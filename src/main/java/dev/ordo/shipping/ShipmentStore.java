package dev.ordo.shipping;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Shipments and their lines in Ordo's tables. */
@Repository
public class ShipmentStore {
    private final JdbcClient jdbc;

    ShipmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    public record Shipment(String id, String orderId, String warehouseId, String carrier, String service,
                           String fallbackCarrier, String fallbackService, String trackingNumber,
                           ShipmentStatus status, int weightGrams, OffsetDateTime updatedAt) {}

    public record Line(String lineId, String reservationId, String sku, int quantity) {}

    public String create(String orderId, String warehouseId, int weightGrams, List<Line> lines) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO shipments (id, order_id, warehouse_id, status, weight_grams, created_at, updated_at) VALUES (?,?,?,?,?,?,?)")
                .params(id, orderId, warehouseId, ShipmentStatus.PLANNED.name(), weightGrams, now(), now()).update();
        insertLines(id, lines);
        return id;
    }

    /** A planned shipment's new contents after the order's lines changed (the caller holds the row's lock). */
    public void replaceLines(String shipmentId, List<Line> lines, int weightGrams) {
        jdbc.sql("DELETE FROM shipment_lines WHERE shipment_id = ?").param(shipmentId).update();
        insertLines(shipmentId, lines);
        jdbc.sql("UPDATE shipments SET weight_grams = ?, updated_at = ? WHERE id = ?").params(weightGrams, now(), shipmentId).update();
    }

    private void insertLines(String shipmentId, List<Line> lines) {
        for (Line line : lines) {
            jdbc.sql("INSERT INTO shipment_lines (shipment_id, line_id, reservation_id, sku, quantity) VALUES (?,?,?,?,?)")
                    .params(shipmentId, line.lineId(), line.reservationId(), line.sku(), line.quantity()).update();
        }
    }

    public Shipment get(String shipmentId) {
        return jdbc.sql("SELECT * FROM shipments WHERE id = ?").param(shipmentId).query(ShipmentStore::map).single();
    }

    /** Reads the shipment and locks its row until the transaction ends (serializes carrier events and process steps). */
    public Shipment lock(String shipmentId) {
        return jdbc.sql("SELECT * FROM shipments WHERE id = ? FOR UPDATE").param(shipmentId).query(ShipmentStore::map).single();
    }

    /** The order's shipments, their rows locked until the transaction ends (in id order, so lockers never deadlock). */
    public List<Shipment> lockOfOrder(String orderId) {
        return jdbc.sql("SELECT * FROM shipments WHERE order_id = ? ORDER BY id FOR UPDATE").param(orderId)
                .query(ShipmentStore::map).list();
    }

    public Optional<Shipment> byTrackingNumber(String trackingNumber) {
        return jdbc.sql("SELECT * FROM shipments WHERE tracking_number = ?").param(trackingNumber)
                .query(ShipmentStore::map).optional();
    }

    public List<Shipment> ofOrder(String orderId) {
        return jdbc.sql("SELECT * FROM shipments WHERE order_id = ? ORDER BY created_at, id").param(orderId)
                .query(ShipmentStore::map).list();
    }

    public record WithLines(Shipment shipment, List<Line> lines) {}

    /** The order's shipments and their lines in one query (the order view: one statement, not one per shipment). */
    public List<WithLines> ofOrderWithLines(String orderId) {
        Map<String, WithLines> shipments = new LinkedHashMap<>();
        jdbc.sql("SELECT s.*, l.line_id, l.reservation_id, l.sku, l.quantity FROM shipments s "
                        + "LEFT JOIN shipment_lines l ON l.shipment_id = s.id WHERE s.order_id = ? ORDER BY s.created_at, s.id, l.sku")
                .param(orderId)
                .query(rs -> {
                    WithLines shipment = shipments.get(rs.getString("id"));
                    if (shipment == null) {
                        shipment = new WithLines(map(rs, 0), new ArrayList<>());
                        shipments.put(shipment.shipment().id(), shipment);
                    }
                    if (rs.getString("line_id") != null) {
                        shipment.lines().add(line(rs, 0));
                    }
                });
        return List.copyOf(shipments.values());
    }

    public List<String> idsOfOrder(String orderId) {
        return ofOrder(orderId).stream().map(Shipment::id).toList();
    }

    public List<Line> lines(String shipmentId) {
        return jdbc.sql("SELECT line_id, reservation_id, sku, quantity FROM shipment_lines WHERE shipment_id = ? ORDER BY sku")
                .param(shipmentId)
                .query(ShipmentStore::line).list();
    }

    /** Reservations of the order already assigned to a shipment. */
    public java.util.Set<String> shippedReservationIds(String orderId) {
        return new java.util.HashSet<>(jdbc.sql("SELECT l.reservation_id FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id WHERE s.order_id = ?")
                .param(orderId).query(String.class).list());
    }

    public void chooseCarriers(String shipmentId, String carrier, String service, String fallbackCarrier,
            String fallbackService) {
        jdbc.sql("UPDATE shipments SET carrier = ?, service = ?, fallback_carrier = ?, fallback_service = ?, updated_at = ? WHERE id = ?")
                .params(carrier, service, fallbackCarrier, fallbackService, now(), shipmentId).update();
    }

    public void labelCreated(String shipmentId, String carrier, String service, String trackingNumber) {
        jdbc.sql("UPDATE shipments SET carrier = ?, service = ?, tracking_number = ?, status = ?, updated_at = ? WHERE id = ?")
                .params(carrier, service, trackingNumber, ShipmentStatus.LABEL_CREATED.name(), now(), shipmentId).update();
    }

    /** A new label for goods the carrier already has (a reship to a corrected address): back to SHIPPED. */
    public void relabelled(String shipmentId, String carrier, String service, String trackingNumber) {
        jdbc.sql("UPDATE shipments SET carrier = ?, service = ?, tracking_number = ?, status = ?, updated_at = ? WHERE id = ?")
                .params(carrier, service, trackingNumber, ShipmentStatus.SHIPPED.name(), now(), shipmentId).update();
    }

    public void setStatus(String shipmentId, ShipmentStatus status) {
        jdbc.sql("UPDATE shipments SET status = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), now(), shipmentId).update();
    }

    /** Shipments in {@code status} not touched since {@code before} (the carrier simulator's work list). */
    public List<Shipment> inStatusSince(ShipmentStatus status, OffsetDateTime before, int limit) {
        return jdbc.sql("SELECT * FROM shipments WHERE status = ? AND updated_at <= ? ORDER BY updated_at LIMIT ?")
                .params(status.name(), before, limit).query(ShipmentStore::map).list();
    }

    private static Line line(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Line(rs.getString("line_id"), rs.getString("reservation_id"), rs.getString("sku"), rs.getInt("quantity"));
    }

    private static Shipment map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Shipment(rs.getString("id"), rs.getString("order_id"), rs.getString("warehouse_id"),
                rs.getString("carrier"), rs.getString("service"), rs.getString("fallback_carrier"),
                rs.getString("fallback_service"), rs.getString("tracking_number"),
                ShipmentStatus.valueOf(rs.getString("status")), rs.getInt("weight_grams"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
