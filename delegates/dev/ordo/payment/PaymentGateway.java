package dev.ordo.payment;

import java.math.BigDecimal;

/**
 * Port to the payment provider. Every call carries an idempotency key derived from the order and
 * the step; the provider answers a repeated key with the first answer and moves no money twice.
 * Technical failures throw {@link PaymentGatewayException}; a decline is a normal result.
 */
public interface PaymentGateway {
    Result authorize(String idempotencyKey, String token, BigDecimal amount, String currency);

    Result capture(String idempotencyKey, String authorizationRef, BigDecimal amount, String currency);

    Result voidAuthorization(String idempotencyKey, String authorizationRef, BigDecimal amount, String currency);

    Result refund(String idempotencyKey, String authorizationRef, BigDecimal amount, String currency);

    /** The adapter's name, as operators will read it in incidents. */
    String name();

    record Result(boolean approved, String reference, String declineReason) {}
}
