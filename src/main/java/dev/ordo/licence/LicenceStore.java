package dev.ordo.licence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Licence keys and download links issued for the lines of digital orders. */
@Repository
public class LicenceStore {
    private final JdbcClient jdbc;

    LicenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Licence(String lineId, String sku, String licenceKey, String downloadUrl) {}

    public void save(String orderId, Licence licence) {
        jdbc.sql("INSERT INTO licences (id, order_id, line_id, sku, licence_key, download_url, created_at) VALUES (?,?,?,?,?,?,?)")
                .params(UUID.randomUUID().toString(), orderId, licence.lineId(), licence.sku(), licence.licenceKey(),
                        licence.downloadUrl(), OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    public List<Licence> ofOrder(String orderId) {
        return jdbc.sql("SELECT line_id, sku, licence_key, download_url FROM licences WHERE order_id = ? ORDER BY sku")
                .param(orderId)
                .query((rs, i) -> new Licence(rs.getString("line_id"), rs.getString("sku"), rs.getString("licence_key"),
                        rs.getString("download_url")))
                .list();
    }
}
