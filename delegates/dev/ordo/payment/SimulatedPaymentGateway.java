package dev.ordo.payment;

import dev.ordo.adapter.ProviderLedger;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A payment provider's test mode. Tokens: {@code tok_declined} declines, {@code tok_unavailable}
 * fails technically on every call, anything else approves. Keeps a ledger keyed by idempotency key
 * (table {@code sim_payment_ledger}, written in its own transaction like a real provider's books):
 * a repeated key returns the recorded answer and moves no money again.
 */
@Component
@ConditionalOnProperty(name = "ordo.payment.gateway", havingValue = "simulator", matchIfMissing = true)
public class SimulatedPaymentGateway implements PaymentGateway {
    public static final String TOKEN_DECLINED = "tok_declined";
    public static final String TOKEN_UNAVAILABLE = "tok_unavailable";

    /** A failure the next matching call suffers, for tests and demos of the retry path. */
    public enum Fault { OUTAGE, LOST_RESPONSE }

    private final JdbcClient jdbc;
    private final ProviderLedger ledger;
    private final PaymentSimulatorProperties properties;
    private final AtomicReference<String> nextFaultOperation = new AtomicReference<>();
    private final AtomicReference<Fault> nextFault = new AtomicReference<>();
    private final AtomicReference<String> nextDeclineOperation = new AtomicReference<>();
    private final AtomicBoolean outage = new AtomicBoolean();

    SimulatedPaymentGateway(JdbcClient jdbc, ProviderLedger ledger, PaymentSimulatorProperties properties) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "payment gateway (simulator)";
    }

    @Override
    public Result authorize(String key, String token, BigDecimal amount, String currency) {
        failDuringOutage("authorize");
        if (TOKEN_UNAVAILABLE.equals(token)) {
            ProviderLedger.pause(properties.latency());
            throw new PaymentGatewayException("provider unavailable (HTTP 503) for token " + token);
        }
        boolean declined = TOKEN_DECLINED.equals(token);
        return operate("AUTHORIZE", key, amount, declined ? "card declined by issuer" : null);
    }

    @Override
    public Result capture(String key, String authorizationRef, BigDecimal amount, String currency) {
        return operate("CAPTURE", key, amount, null);
    }

    @Override
    public Result voidAuthorization(String key, String authorizationRef, BigDecimal amount, String currency) {
        return operate("VOID", key, amount, null);
    }

    @Override
    public Result refund(String key, String authorizationRef, BigDecimal amount, String currency) {
        return operate("REFUND", key, amount, null);
    }

    /** Makes the next call of {@code operation} (AUTHORIZE, CAPTURE, VOID, REFUND) fail once. */
    public void failNext(String operation, Fault fault) {
        nextFault.set(fault);
        nextFaultOperation.set(operation);
    }

    /** Makes the next new call of {@code operation} (e.g. AUTHORIZE) be declined once, whatever the token. */
    public void declineNext(String operation) {
        nextDeclineOperation.set(operation);
    }

    /** How many ledger entries (money movements) the provider holds for this idempotency key: 0 or 1. */
    public int ledgerEntries(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE idempotency_key = ?").param(key)
                .query(Integer.class).single();
    }

    /** How many approved movements of {@code operation} the provider holds whose key starts with the order id. */
    public int ledgerEntriesOfOrder(String orderId, String operation) {
        return jdbc.sql("SELECT COUNT(*) FROM sim_payment_ledger WHERE idempotency_key LIKE ? AND operation = ? AND outcome = 'APPROVED'")
                .params(orderId + ":%", operation).query(Integer.class).single();
    }

    /**
     * Takes the whole provider down ({@code true}: every call fails technically, whatever the token,
     * like an outage) or brings it back ({@code false}: the provider has recovered). Unlike
     * {@code tok_unavailable}, which never recovers, this lets tests and demos walk the operators'
     * path: retries, an incident, the provider recovers, an operator retries in Cockpit.
     */
    public void setOutage(boolean down) {
        outage.set(down);
    }

    private void failDuringOutage(String operation) {
        if (outage.get()) {
            ProviderLedger.pause(properties.latency());
            throw new PaymentGatewayException("provider unavailable (HTTP 503) on " + operation + " (simulated outage)");
        }
    }

    private Result operate(String operation, String key, BigDecimal amount, String declineReason) {
        failDuringOutage(operation.toLowerCase());
        ProviderLedger.pause(properties.latency());
        Optional<Result> recorded = recorded(key);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        if (declineReason == null && operation.equals(nextDeclineOperation.get())
                && nextDeclineOperation.compareAndSet(operation, null)) {
            declineReason = "card declined by issuer";
        }
        Fault fault = takeFault(operation);
        if (fault == Fault.OUTAGE || ThreadLocalRandom.current().nextDouble() < properties.failureRate()) {
            throw new PaymentGatewayException("provider timed out on " + operation.toLowerCase() + " (simulated outage)");
        }
        String reference = "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String outcome = declineReason == null ? "APPROVED" : "DECLINED";
        Result result;
        try {
            ledger.inOwnTransaction(() -> jdbc.sql("INSERT INTO sim_payment_ledger (idempotency_key, operation, amount, outcome, reference, created_at) VALUES (?,?,?,?,?,?)")
                    .params(key, operation, amount, outcome, reference, OffsetDateTime.now(ZoneOffset.UTC)).update());
            result = new Result(declineReason == null, reference, declineReason);
        } catch (DuplicateKeyException raced) {
            result = recorded(key).orElseThrow();
        }
        if (fault == Fault.LOST_RESPONSE || ThreadLocalRandom.current().nextDouble() < properties.lostResponseRate()) {
            throw new PaymentGatewayException("connection reset after the provider recorded " + operation.toLowerCase()
                    + " (simulated lost response)");
        }
        return result;
    }

    private Fault takeFault(String operation) {
        if (operation.equals(nextFaultOperation.get()) && nextFaultOperation.compareAndSet(operation, null)) {
            return nextFault.getAndSet(null);
        }
        return null;
    }

    private Optional<Result> recorded(String key) {
        return jdbc.sql("SELECT outcome, reference FROM sim_payment_ledger WHERE idempotency_key = ?").param(key)
                .query((rs, i) -> new Result("APPROVED".equals(rs.getString("outcome")), rs.getString("reference"),
                        "APPROVED".equals(rs.getString("outcome")) ? null : "card declined by issuer"))
                .optional();
    }
}
