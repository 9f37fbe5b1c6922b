package dev.ordo.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Ordo's record of every payment operation (authorization, capture, void, refund) per order. */
@Repository
public class PaymentStore {
    public enum Kind { AUTHORIZATION, CAPTURE, VOID, REFUND }

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String orderId, Kind kind, BigDecimal amount, String outcome, String providerRef,
            String idempotencyKey, String shipmentId) {
        jdbc.sql("INSERT INTO payments (id, order_id, kind, amount, outcome, provider_ref, idempotency_key, shipment_id, created_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?)")
                .params(UUID.randomUUID().toString(), orderId, kind.name(), amount, outcome, providerRef,
                        idempotencyKey, shipmentId, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    /** The provider reference of the successful operation with this key, if Ordo already recorded it. */
    public Optional<String> done(String idempotencyKey) {
        return jdbc.sql("SELECT provider_ref FROM payments WHERE idempotency_key = ? AND outcome = 'APPROVED'")
                .param(idempotencyKey).query(String.class).optional();
    }

    /** The approved authorization's provider reference. */
    public Optional<String> authorizationRef(String orderId) {
        return jdbc.sql("SELECT provider_ref FROM payments WHERE order_id = ? AND kind = 'AUTHORIZATION' AND outcome = 'APPROVED' ORDER BY created_at DESC, idempotency_key DESC")
                .param(orderId).query(String.class).list().stream().findFirst();
    }

    public Summary summary(String orderId) {
        return jdbc.sql("SELECT "
                        + "COALESCE(SUM(CASE WHEN kind = 'AUTHORIZATION' THEN amount END), 0) AS authorized, "
                        + "COALESCE(SUM(CASE WHEN kind = 'CAPTURE' THEN amount END), 0) AS captured, "
                        + "COALESCE(SUM(CASE WHEN kind = 'VOID' THEN amount END), 0) AS voided, "
                        + "COALESCE(SUM(CASE WHEN kind = 'REFUND' THEN amount END), 0) AS refunded "
                        + "FROM payments WHERE order_id = ? AND outcome = 'APPROVED'")
                .param(orderId)
                .query((rs, i) -> new Summary(rs.getBigDecimal("authorized"), rs.getBigDecimal("captured"),
                        rs.getBigDecimal("voided"), rs.getBigDecimal("refunded")))
                .single();
    }

    /**
     * Sums of approved operations. {@code authorized} counts every authorization (a pre-order renews
     * its authorization); {@link #held()} is what is still authorized: authorized minus voided.
     */
    public record Summary(BigDecimal authorized, BigDecimal captured, BigDecimal voided, BigDecimal refunded) {
        /** An order without any approved payment operation. */
        public static final Summary NONE = new Summary(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        /** Authorized and not voided: captures come out of it, the rest is voided at the end. */
        public BigDecimal held() {
            return authorized.subtract(voided);
        }

        /** Held and not captured yet. */
        public BigDecimal open() {
            return held().subtract(captured);
        }

        /** The payment status these amounts add up to (when nothing was declined). */
        public PaymentStatus status() {
            if (refunded.signum() > 0) {
                return refunded.compareTo(captured) >= 0 ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
            }
            if (captured.signum() > 0) {
                return open().signum() <= 0 ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED;
            }
            if (held().signum() > 0) {
                return PaymentStatus.AUTHORIZED;
            }
            return voided.signum() > 0 ? PaymentStatus.VOIDED : PaymentStatus.PENDING;
        }
    }

    /** How many authorizations the order has had approved (a pre-order renews them). */
    public int authorizations(String orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM payments WHERE order_id = ? AND kind = 'AUTHORIZATION' AND outcome = 'APPROVED'")
                .param(orderId).query(Integer.class).single();
    }
}
