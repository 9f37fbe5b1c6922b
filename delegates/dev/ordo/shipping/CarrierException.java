package dev.ordo.shipping;

/** A carrier refused or failed to create or cancel a label. */
public class CarrierException extends RuntimeException {
    public CarrierException(String message) {
        super(message);
    }
}
