package dev.ordo.adapter;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a simulator's ledger write in its own transaction. A simulator stands for an external
 * provider: what it recorded stays recorded even when Ordo's own step rolls back afterwards, which
 * is exactly the situation idempotency keys exist for.
 */
@Component
public class ProviderLedger {
    private final TransactionTemplate ownTransaction;

    ProviderLedger(PlatformTransactionManager transactions) {
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    /** Sleeps for a simulated network latency. */
    public static void pause(java.time.Duration latency) {
        if (latency == null || latency.isZero()) return;
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
