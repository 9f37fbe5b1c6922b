package dev.ordo.shipping;

import dev.ordo.adapter.ProviderLedger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every carrier's test mode in one adapter. Keeps a label ledger keyed by idempotency key (table
 * {@code sim_carrier_ledger}, its own transaction): a repeated key returns the same label.
 * Carriers listed in {@code unavailable-carriers} (or marked with {@link #setAvailable}) refuse labels.
 */
@Component
@ConditionalOnProperty(name = "ordo.carrier.gateway", havingValue = "simulator", matchIfMissing = true)
public class SimulatedCarrierGateway implements CarrierGateway {
    private final JdbcClient jdbc;
    private final ProviderLedger ledger;
    private final CarrierSimulatorProperties properties;
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    SimulatedCarrierGateway(JdbcClient jdbc, ProviderLedger ledger, CarrierSimulatorProperties properties) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
        down.addAll(properties.unavailableCarriers());
    }

    @Override
    public String name() {
        return "carrier gateway (simulator)";
    }

    /** Takes a carrier down (it refuses labels) or brings it back. */
    public void setAvailable(String carrier, boolean available) {
        if (available) down.remove(carrier); else down.add(carrier);
    }

    @Override
    public Label createLabel(String key, String carrier, String service, LabelRequest request) {
        ProviderLedger.pause(properties.latency());
        Optional<Label> recorded = recorded(key);
        if (recorded.isPresent()) return recorded.get();
        if (down.contains(carrier)) {
            throw new CarrierException("carrier " + carrier + " is not accepting labels (simulated outage)");
        }
        if (ThreadLocalRandom.current().nextDouble() < properties.failureRate()) {
            throw new CarrierException("carrier " + carrier + " timed out creating a label (simulated)");
        }
        String tracking = carrier + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        try {
            ledger.inOwnTransaction(() -> jdbc.sql("INSERT INTO sim_carrier_ledger (idempotency_key, operation, carrier, service, tracking_number, created_at) VALUES (?,?,?,?,?,?)")
                    .params(key, "LABEL", carrier, service, tracking, OffsetDateTime.now(ZoneOffset.UTC)).update());
            return new Label(carrier, service, tracking);
        } catch (DuplicateKeyException raced) {
            return recorded(key).orElseThrow();
        }
    }

    @Override
    public void cancelLabel(String key, String carrier, String trackingNumber) {
        ProviderLedger.pause(properties.latency());
        if (down.contains(carrier)) {
            throw new CarrierException("carrier " + carrier + " is not accepting cancellations (simulated outage)");
        }
        try {
            ledger.inOwnTransaction(() -> jdbc.sql("INSERT INTO sim_carrier_ledger (idempotency_key, operation, carrier, tracking_number, created_at) VALUES (?,?,?,?,?)")
                    .params(key, "CANCEL", carrier, trackingNumber, OffsetDateTime.now(ZoneOffset.UTC)).update());
        } catch (DuplicateKeyException alreadyCancelled) {
            // the same cancellation again: nothing more to do
        }
    }

    /** Labels the carrier created for a shipment (its ledger), whatever the key. */
    public int labelsOfShipment(String shipmentId) {
        return jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE idempotency_key LIKE ? AND operation = 'LABEL'")
                .param(shipmentId + ":%").query(Integer.class).single();
    }

    private Optional<Label> recorded(String key) {
        return jdbc.sql("SELECT carrier, service, tracking_number FROM sim_carrier_ledger WHERE idempotency_key = ? AND operation = 'LABEL'")
                .param(key)
                .query((rs, i) -> new Label(rs.getString("carrier"), rs.getString("service"), rs.getString("tracking_number")))
                .optional();
    }
}
