package dev.ordo.order;

/**
 * A line change the order cannot take, found by a step of the event subprocess "Order modified"
 * while it runs inside the modification's transaction: the transaction rolls back (nothing changed)
 * and {@link OrderModification} answers with the reason. A business outcome, never an incident:
 * the step runs in the request, not in a job.
 */
public class LineChangeRefused extends RuntimeException {
    public enum Reason {
        /** Not enough stock for an increase or a new line (409). */
        OUT_OF_STOCK,
        /** The payment provider declined authorizing the higher total (422). */
        PAYMENT_DECLINED,
        /** The change would leave a planned shipment with nothing to ship (409). */
        SHIPMENT_EMPTIED
    }

    private final Reason reason;

    public LineChangeRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
