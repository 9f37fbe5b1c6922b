package dev.ordo.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A line change the order cannot take, found by a step of the event subprocess "Order modified"
 * while it runs inside the modification's transaction: the transaction rolls back (nothing changed)
 * and {@code OrderModification} answers with the reason. A business outcome, never an incident: the
 * step runs in the request, not in a job. It is a {@link BadUserRequestException} so the engine logs
 * it at debug level like other refused requests, not as an ERROR (ENGINE-16004) for every declined
 * card.
 */
public class LineChangeRefused extends BadUserRequestException {
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
