package dev.ordo.catalog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products, warehouses and stock levels. Reservations themselves are the inventory adapter's business. */
@Repository
public class CatalogStore {
    private final JdbcClient jdbc;

    CatalogStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A product; {@code releaseDate} (may be null) is when a pre-order can ship at the earliest. */
    public record Product(String sku, String name, int weightGrams, String category, int leadTimeDays, boolean digital,
                          java.time.LocalDate releaseDate) {
        public Product(String sku, String name, int weightGrams, String category, int leadTimeDays, boolean digital) {
            this(sku, name, weightGrams, category, leadTimeDays, digital, null);
        }
    }

    public record Warehouse(String id, String name, String country, String region) {}

    public record StockLevel(String warehouseId, String sku, int onHand, int reserved) {
        public int available() {
            return onHand - reserved;
        }
    }

    public void saveProduct(Product p) {
        int updated = jdbc.sql("UPDATE products SET name = ?, weight_grams = ?, category = ?, lead_time_days = ?, digital = ?, release_date = ?, updated_at = ? WHERE sku = ?")
                .params(p.name(), p.weightGrams(), p.category(), p.leadTimeDays(), p.digital(), p.releaseDate(), now(), p.sku()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO products (sku, name, weight_grams, category, lead_time_days, digital, release_date, updated_at) VALUES (?,?,?,?,?,?,?,?)")
                    .params(p.sku(), p.name(), p.weightGrams(), p.category(), p.leadTimeDays(), p.digital(), p.releaseDate(), now()).update();
        }
    }

    public Optional<Product> product(String sku) {
        return jdbc.sql("SELECT * FROM products WHERE sku = ?").param(sku).query(CatalogStore::product).optional();
    }

    public List<Product> products() {
        return jdbc.sql("SELECT * FROM products ORDER BY sku").query(CatalogStore::product).list();
    }

    /** The products with these SKUs, by SKU; unknown SKUs are simply absent. */
    public Map<String, Product> products(Collection<String> skus) {
        if (skus.isEmpty()) return Map.of();
        String marks = skus.stream().map(s -> "?").collect(Collectors.joining(","));
        return jdbc.sql("SELECT * FROM products WHERE sku IN (" + marks + ")").params(List.copyOf(skus))
                .query(CatalogStore::product).list().stream()
                .collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    public void saveWarehouse(Warehouse w) {
        int updated = jdbc.sql("UPDATE warehouses SET name = ?, country = ?, region = ? WHERE id = ?")
                .params(w.name(), w.country(), w.region(), w.id()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO warehouses (id, name, country, region) VALUES (?,?,?,?)")
                    .params(w.id(), w.name(), w.country(), w.region()).update();
        }
    }

    public List<Warehouse> warehouses() {
        return jdbc.sql("SELECT id, name, country, region FROM warehouses ORDER BY id")
                .query((rs, i) -> new Warehouse(rs.getString("id"), rs.getString("name"), rs.getString("country"),
                        rs.getString("region")))
                .list();
    }

    public boolean warehouseExists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM warehouses WHERE id = ?").param(id).query(Integer.class).single() > 0;
    }

    public Optional<StockLevel> stock(String warehouseId, String sku) {
        return jdbc.sql("SELECT warehouse_id, sku, on_hand, reserved FROM stock WHERE warehouse_id = ? AND sku = ?")
                .params(warehouseId, sku).query(CatalogStore::stock).optional();
    }

    public List<StockLevel> stockOf(String sku) {
        return jdbc.sql("SELECT warehouse_id, sku, on_hand, reserved FROM stock WHERE sku = ? ORDER BY warehouse_id")
                .param(sku).query(CatalogStore::stock).list();
    }

    /**
     * Sets the on-hand quantity. Returns false when it would fall below what is already reserved
     * (the row is unchanged then).
     */
    public boolean setOnHand(String warehouseId, String sku, int onHand) {
        int updated = jdbc.sql("UPDATE stock SET on_hand = ?, updated_at = ? WHERE warehouse_id = ? AND sku = ? AND reserved <= ?")
                .params(onHand, now(), warehouseId, sku, onHand).update();
        if (updated > 0) return true;
        if (stock(warehouseId, sku).isPresent()) return false;
        jdbc.sql("INSERT INTO stock (warehouse_id, sku, on_hand, reserved, updated_at) VALUES (?,?,?,0,?)")
                .params(warehouseId, sku, onHand, now()).update();
        return true;
    }

    private static Product product(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Product(rs.getString("sku"), rs.getString("name"), rs.getInt("weight_grams"),
                rs.getString("category"), rs.getInt("lead_time_days"), rs.getBoolean("digital"),
                rs.getObject("release_date", java.time.LocalDate.class));
    }

    private static StockLevel stock(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new StockLevel(rs.getString("warehouse_id"), rs.getString("sku"), rs.getInt("on_hand"), rs.getInt("reserved"));
    }
}
