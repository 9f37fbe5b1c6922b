package dev.ordo.adapter;

/**
 * A technical failure of an external system (timeout, outage, 5xx). Thrown from a delegate it fails
 * the job: Camunda retries it per the retry cycle, then raises an incident whose message is this
 * exception's message, so it names the order, the adapter, the action and the cause in words.
 */
public class AdapterFailure extends RuntimeException {
    public AdapterFailure(String orderId, String adapter, String action, Throwable cause) {
        super("Order " + orderId + ": " + adapter + " failed to " + action + ": " + cause.getMessage(), cause);
    }
}
