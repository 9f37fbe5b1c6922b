package dev.ordo.inventory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inventory on Ordo's stock table. A reservation is one conditional UPDATE
 * ({@code reserved = reserved + q WHERE on_hand - reserved >= q}): the database serializes racing
 * orders on the row, so stock never goes below zero, and the table's CHECK constraint backs it up.
 * Demands are taken in SKU order so that concurrent orders lock rows in the same order.
 */
@Component
class JdbcInventoryGateway implements InventoryGateway {
    private final JdbcClient jdbc;

    JdbcInventoryGateway(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Taken(String lineId, String warehouseId, String sku, int quantity) {}

    @Override
    public java.util.Set<String> reserve(String orderId, List<Demand> demands, List<String> rankedWarehouses) {
        List<Demand> sorted = demands.stream().sorted(Comparator.comparing(Demand::sku)).toList();
        List<Taken> taken = fromOneWarehouse(sorted, rankedWarehouses);
        if (taken == null) {
            taken = new ArrayList<>();
            for (Demand d : sorted) {
                List<Taken> line = acrossWarehouses(d, rankedWarehouses);
                if (line != null) taken.addAll(line);
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Taken t : taken) {
            jdbc.sql("INSERT INTO reservations (id, order_id, line_id, warehouse_id, sku, quantity, status, created_at, updated_at) VALUES (?,?,?,?,?,?,'RESERVED',?,?)")
                    .params(UUID.randomUUID().toString(), orderId, t.lineId(), t.warehouseId(), t.sku(), t.quantity(), now, now)
                    .update();
        }
        return taken.stream().map(Taken::lineId).collect(java.util.stream.Collectors.toSet());
    }

    /** Everything from the first warehouse in rank order that has all of it, or null. */
    private List<Taken> fromOneWarehouse(List<Demand> demands, List<String> warehouses) {
        for (String warehouse : warehouses) {
            List<Taken> taken = new ArrayList<>();
            for (Demand d : demands) {
                if (!take(warehouse, d.sku(), d.quantity())) {
                    undo(taken);
                    taken = null;
                    break;
                }
                taken.add(new Taken(d.lineId(), warehouse, d.sku(), d.quantity()));
            }
            if (taken != null) return taken;
        }
        return null;
    }

    /** One line from the warehouses in rank order, split where one has too little; null if stock runs out. */
    private List<Taken> acrossWarehouses(Demand d, List<String> warehouses) {
        List<Taken> taken = new ArrayList<>();
        int missing = d.quantity();
        for (String warehouse : warehouses) {
            while (missing > 0) {
                int quantity = Math.min(available(warehouse, d.sku()), missing);
                if (quantity <= 0) break;
                if (take(warehouse, d.sku(), quantity)) { // false: another order was faster; look again
                    taken.add(new Taken(d.lineId(), warehouse, d.sku(), quantity));
                    missing -= quantity;
                }
            }
        }
        if (missing > 0) {
            undo(taken);
            return null;
        }
        return taken;
    }

    private boolean take(String warehouse, String sku, int quantity) {
        return jdbc.sql("UPDATE stock SET reserved = reserved + ? WHERE warehouse_id = ? AND sku = ? AND on_hand - reserved >= ?")
                .params(quantity, warehouse, sku, quantity).update() == 1;
    }

    private int available(String warehouse, String sku) {
        return jdbc.sql("SELECT on_hand - reserved FROM stock WHERE warehouse_id = ? AND sku = ?")
                .params(warehouse, sku).query(Integer.class).optional().orElse(0);
    }

    private void undo(List<Taken> taken) {
        for (Taken t : taken) {
            giveBack(t.warehouseId(), t.sku(), t.quantity());
        }
    }

    private void giveBack(String warehouse, String sku, int quantity) {
        jdbc.sql("UPDATE stock SET reserved = reserved - ? WHERE warehouse_id = ? AND sku = ?")
                .params(quantity, warehouse, sku).update();
    }

    @Override
    public void release(String orderId) {
        for (Reservation r : heldBy(orderId)) {
            if (mark(r.id(), "RELEASED")) {
                giveBack(r.warehouseId(), r.sku(), r.quantity());
            }
        }
    }

    @Override
    public void releaseLines(String orderId, java.util.Set<String> lineIds) {
        for (Reservation r : heldBy(orderId)) {
            if (lineIds.contains(r.lineId()) && mark(r.id(), "RELEASED")) {
                giveBack(r.warehouseId(), r.sku(), r.quantity());
            }
        }
    }

    @Override
    public void releaseQuantity(String orderId, String lineId, int quantity) {
        int left = quantity;
        for (Reservation r : heldBy(orderId)) {
            if (left == 0 || !r.lineId().equals(lineId)) continue;
            int freed = Math.min(left, r.quantity());
            boolean released = freed == r.quantity() ? mark(r.id(), "RELEASED")
                    : jdbc.sql("UPDATE reservations SET quantity = quantity - ?, updated_at = ? WHERE id = ? AND status = 'RESERVED'")
                            .params(freed, OffsetDateTime.now(ZoneOffset.UTC), r.id()).update() == 1;
            if (released) {
                giveBack(r.warehouseId(), r.sku(), freed);
                left -= freed;
            }
        }
    }

    @Override
    public void commit(List<String> reservationIds) {
        for (String id : reservationIds) {
            Reservation r = jdbc.sql("SELECT id, line_id, warehouse_id, sku, quantity FROM reservations WHERE id = ?")
                    .param(id).query(JdbcInventoryGateway::reservation).single();
            if (mark(id, "COMMITTED")) {
                jdbc.sql("UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ? WHERE warehouse_id = ? AND sku = ?")
                        .params(r.quantity(), r.quantity(), r.warehouseId(), r.sku()).update();
            }
        }
    }

    @Override
    public void restock(String warehouseId, String sku, int quantity) {
        int updated = jdbc.sql("UPDATE stock SET on_hand = on_hand + ?, updated_at = ? WHERE warehouse_id = ? AND sku = ?")
                .params(quantity, OffsetDateTime.now(ZoneOffset.UTC), warehouseId, sku).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO stock (warehouse_id, sku, on_hand, reserved, updated_at) VALUES (?,?,?,0,?)")
                    .params(warehouseId, sku, quantity, OffsetDateTime.now(ZoneOffset.UTC)).update();
        }
    }

    @Override
    public List<Reservation> heldBy(String orderId) {
        return jdbc.sql("SELECT id, line_id, warehouse_id, sku, quantity FROM reservations WHERE order_id = ? AND status = 'RESERVED' ORDER BY sku, warehouse_id")
                .param(orderId).query(JdbcInventoryGateway::reservation).list();
    }

    /** Moves a reservation out of RESERVED; false if it had already left it (no double release). */
    private boolean mark(String reservationId, String status) {
        return jdbc.sql("UPDATE reservations SET status = ?, updated_at = ? WHERE id = ? AND status = 'RESERVED'")
                .params(status, OffsetDateTime.now(ZoneOffset.UTC), reservationId).update() == 1;
    }

    private static Reservation reservation(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Reservation(rs.getString("id"), rs.getString("line_id"), rs.getString("warehouse_id"),
                rs.getString("sku"), rs.getInt("quantity"));
    }
}
