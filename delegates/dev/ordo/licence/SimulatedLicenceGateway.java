package dev.ordo.licence;

import dev.ordo.adapter.ProviderLedger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A licence service's test mode, with a ledger keyed by idempotency key ({@code sim_licence_ledger}). */
@Component
@ConditionalOnProperty(name = "ordo.licence.gateway", havingValue = "simulator", matchIfMissing = true)
public class SimulatedLicenceGateway implements LicenceGateway {
    private final JdbcClient jdbc;
    private final ProviderLedger ledger;

    SimulatedLicenceGateway(JdbcClient jdbc, ProviderLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "licence service (simulator)";
    }

    @Override
    public Issued issue(String key, String sku, int quantity, String customerEmail) {
        Optional<Issued> recorded = recorded(key);
        if (recorded.isPresent()) return recorded.get();
        String licence = sku + "-" + UUID.randomUUID().toString().substring(0, 18).toUpperCase();
        String url = "https://downloads.ordo.example/" + UUID.randomUUID();
        try {
            ledger.inOwnTransaction(() -> jdbc.sql("INSERT INTO sim_licence_ledger (idempotency_key, licence_key, download_url, created_at) VALUES (?,?,?,?)")
                    .params(key, licence, url, OffsetDateTime.now(ZoneOffset.UTC)).update());
            return new Issued(licence, url);
        } catch (DuplicateKeyException raced) {
            return recorded(key).orElseThrow();
        }
    }

    /** Licences the service issued for keys starting with the order id. */
    public int issuedForOrder(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM sim_licence_ledger WHERE idempotency_key LIKE ?").param(orderId + ":%")
                .query(Integer.class).single();
    }

    private Optional<Issued> recorded(String key) {
        return jdbc.sql("SELECT licence_key, download_url FROM sim_licence_ledger WHERE idempotency_key = ?").param(key)
                .query((rs, i) -> new Issued(rs.getString("licence_key"), rs.getString("download_url"))).optional();
    }
}
