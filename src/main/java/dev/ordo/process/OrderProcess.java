package dev.ordo.process;

import java.util.List;
import java.util.Optional;

/**
 * The process engine as Ordo's application code sees it. Only this package (and the delegates)
 * talk to Camunda's APIs; the REST layer goes through this port.
 */
public interface OrderProcess {

    /**
     * Starts the order's lifecycle in the caller's transaction; the business key is the order id. It starts
     * without process variables: what its diagrams read of the order they read from the order's row
     * ({@code ${orderFacts.of(execution.processBusinessKey)...}}).
     */
    Started start(OrderType type, String orderId);

    List<OrderType> orderTypes();

    Optional<OrderType> orderType(String type);

    /** Tells the order's process that the shipment was handed to the carrier. False if nothing was waiting. */
    boolean shipmentShipped(String shipmentId);

    /** Tells the order's process that the shipment was delivered. False if nothing was waiting yet. */
    boolean shipmentDelivered(String shipmentId);

    /** Tells the shipment's process that the carrier reported an exception. False if nothing was waiting yet. */
    boolean shipmentException(String shipmentId);

    /**
     * Starts the return's process ({@code return-order}, business key the order id, variable
     * {@code returnId}) in the caller's transaction. Its first step, the return label, runs inside
     * this call.
     */
    void startReturn(String orderId, String returnId);

    /** Tells the return's process that the goods are back at the warehouse. False if nothing was waiting. */
    boolean returnReceived(String returnId);
    /**
     * Tells the order's root process that the order is cancelled (message {@code CancelOrder}, business
     * key = order id): its interrupting event subprocess ends the called processes and runs the undo
     * steps. False when no process of the order is waiting for it (ended, or already cancelling).
     * Throws {@link ConcurrentChange} when the engine saw a concurrent change; the caller may retry.
     */
    boolean cancel(String orderId);

    /**
     * Tells the order's fulfilment that the order was modified (message {@code OrderModified},
     * business key = order id): its non-interrupting event subprocess "Order modified" re-reserves and
     * re-plans changed lines, adjusts the authorization and re-labels the shipments that have a label
     * and are not yet with the carrier, inside this call (the caller's transaction). False when no
     * fulfilment is running (not started yet, or ended). Throws {@link ConcurrentChange} when the
     * engine saw a concurrent change; the caller may retry. A refusal found by a step
     * ({@link LineChangeRefused}) propagates (possibly wrapped) to the caller.
     */
    boolean orderModified(String orderId, Modification modification);

    /**
     * Sets the process variables derived from the order's lines, {@code orderTotal} and
     * {@code productCategory}, wherever the order's running process instances hold them (its screening,
     * its fulfilments; the order process itself only on versions from before the facts were read from the
     * order's row), so decisions taken later (partial-shipment, fulfillment-routing for a backordered rest)
     * see the changed lines. A call activity that starts after the change reads them from the order's row
     * (orderFacts), which the caller updates too. Call holding the order row lock.
     */
    void linesChanged(String orderId, java.math.BigDecimal total, String productCategory);

    /** The n-th modification of an order (its adapter calls' keys name n) and what it changed. */
    record Modification(int number, boolean addressChanged, boolean linesChanged) {}

    /** The engine saw a concurrent change to the same order's process (optimistic locking); retry. */
    class ConcurrentChange extends RuntimeException {
        public ConcurrentChange(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Tells the order's held fulfilment (message {@code HoldReleased}, business key = order id) that
     * no hold is left. False when nothing was waiting (the order had not reached the hold check).
     */
    boolean holdReleased(String orderId);

    /** Wakes these backordered orders so they try to reserve stock again. */
    void stockReplenished(List<String> orderIds);

    record Started(String processInstanceId, String definitionKey, int version) {}
}
