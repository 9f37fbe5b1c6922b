package dev.ordo.returns;

import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_InspectReturn. On create it puts on the task what the inspector needs (the return-inspection
 * form shows these task variables): order, items returned, reason. On complete it insists on
 * {@code inspectionOutcome} restock or write_off, records it on the return (INSPECTED) and the timeline.
 */
@Component
class InspectReturnTaskListener implements TaskListener {
    private final OrderStore orders;
    private final ReturnStore returns;

    InspectReturnTaskListener(OrderStore orders, ReturnStore returns) {
        this.orders = orders;
        this.returns = returns;
    }

    @Override
    public void notify(DelegateTask task) {
        String orderId = task.getExecution().getProcessBusinessKey();
        String returnId = (String) task.getVariable("returnId");
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            OrderRecord order = orders.get(orderId);
            Map<String, OrderRecord.Line> lines = order.lines().stream()
                    .collect(Collectors.toMap(OrderRecord.Line::id, Function.identity()));
            String items = returns.lines(returnId).stream()
                    .map(l -> l.quantity() + " x " + lines.get(l.lineId()).sku() + " (line " + lines.get(l.lineId()).lineNo() + ")")
                    .collect(Collectors.joining("\n"));
            String reason = returns.get(returnId).reason();
            task.setVariableLocal("orderId", orderId);
            task.setVariableLocal("itemsReturned", items);
            task.setVariableLocal("returnReason", reason == null || reason.isBlank() ? "(none given)" : reason);
            task.setName("Inspect return of order " + orderId.substring(0, 8));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Object outcome = task.getVariable("inspectionOutcome");
            Object comment = task.getVariable("inspectionComment");
            if (!"restock".equals(outcome) && !"write_off".equals(outcome)) {
                throw new ProcessEngineException("Return " + returnId + ": choose restock or write_off (inspectionOutcome) before completing the inspection");
            }
            String text = comment == null ? null : comment.toString();
            returns.inspected(returnId, outcome.toString(), text);
            orders.recordEvent(orderId, "RETURN_INSPECTED", null, "Return " + returnId + " inspected by "
                    + (task.getAssignee() == null ? "an operator" : task.getAssignee()) + ": "
                    + ("restock".equals(outcome) ? "restock" : "write off") + (text == null || text.isBlank() ? "" : " (" + text + ")"));
        }
    }
}
