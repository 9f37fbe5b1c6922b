package dev.ordo.payment;

/** The payment provider could not be reached or failed technically; the call may be retried. */
public class PaymentGatewayException extends RuntimeException {
    public PaymentGatewayException(String message) {
        super(message);
    }
}
