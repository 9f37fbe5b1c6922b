package dev.ordo.inventory;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of Event_OrderBackordered: starts the backorder clock once. {@code backorderDeadline}
 * = now + the partial-shipment decision's {@code maxBackorderWait} when it decided, else
 * {@code backorderWait} (the configured default, or the wait handed to a backordered remainder); later passes through the wait keep the first deadline, so restocks that do not
 * cover the order do not extend it.
 */
@Component
class BackorderClock implements ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
        if (execution.getVariable("backorderDeadline") != null) return;
        Object decided = execution.getVariable("partialShipment") instanceof java.util.Map<?, ?> decision
                ? decision.get("maxBackorderWait") : null;
        Duration wait = Duration.parse(decided != null ? decided.toString() : (String) execution.getVariable("backorderWait"));
        execution.setVariable("backorderDeadline", new Date(System.currentTimeMillis() + wait.toMillis()));
    }
}
