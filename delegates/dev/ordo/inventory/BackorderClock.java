package dev.ordo.inventory;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of Event_OrderBackordered: starts the backorder clock once. {@code backorderDeadline}
 * = now + {@code backorderWait} (the order type's default, or the partial-shipment decision's
 * maximum wait); later passes through the wait keep the first deadline, so restocks that do not
 * cover the order do not extend it.
 */
@Component
class BackorderClock implements ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
        if (execution.getVariable("backorderDeadline") != null) return;
        Duration wait = Duration.parse((String) execution.getVariable("backorderWait"));
        execution.setVariable("backorderDeadline", new Date(System.currentTimeMillis() + wait.toMillis()));
    }
}
