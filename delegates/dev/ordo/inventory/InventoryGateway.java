package dev.ordo.inventory;

import java.util.List;

/**
 * Port to stock. The default adapter is Ordo's own stock tables ({@link JdbcInventoryGateway});
 * an external WMS would be another adapter of the same port.
 */
public interface InventoryGateway {

    /**
     * Reserves what it can of the demands, each line whole or not at all, taking warehouses in the
     * given rank order: one warehouse with everything if there is one, otherwise line by line, a line
     * split across warehouses where none has all of it.
     *
     * @return the ids of the lines reserved by this call
     */
    java.util.Set<String> reserve(String orderId, List<Demand> demands, List<String> rankedWarehouses);

    /** Releases every reservation the order still holds. */
    void release(String orderId);

    /** Releases the reservations the order still holds for these lines (per-line cancellation). */
    void releaseLines(String orderId, java.util.Set<String> lineIds);

    /**
     * Releases {@code quantity} units of the line's reservations (a line decreased before it ships):
     * whole reservations where they fit, the last one shrunk by what is left.
     */
    void releaseQuantity(String orderId, String lineId, int quantity);

    /** The goods of these reservations left the warehouse: on-hand and reserved both go down. */
    void commit(List<String> reservationIds);

    /** Returned goods are back on the shelf: on-hand goes up (idempotency is the calling step's transaction). */
    void restock(String warehouseId, String sku, int quantity);

    /** The order's reservations that still hold stock. */
    List<Reservation> heldBy(String orderId);

    record Demand(String lineId, String sku, int quantity) {}

    record Reservation(String id, String lineId, String warehouseId, String sku, int quantity) {}
}
