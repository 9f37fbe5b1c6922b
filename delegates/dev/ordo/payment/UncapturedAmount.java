package dev.ordo.payment;

import org.springframework.stereotype.Component;

/**
 * The order diagrams' question before their last step, {@code Gateway_AnythingToVoid}:
 * {@code ${uncapturedAmount.remains(execution.processBusinessKey)}}. Usually the shipments captured
 * everything authorized and the order ends without a job of its own; only what is left (cancelled
 * lines, a smaller modification) goes on to {@code Task_VoidUncapturedAmount}, an async step because
 * it calls the provider.
 */
@Component("uncapturedAmount")
public class UncapturedAmount {
    private final PaymentStore payments;

    UncapturedAmount(PaymentStore payments) {
        this.payments = payments;
    }

    /** Whether some of what the order authorized is neither captured nor voided. */
    public boolean remains(String orderId) {
        return payments.summary(orderId).open().signum() > 0;
    }
}
