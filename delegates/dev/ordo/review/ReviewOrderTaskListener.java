package dev.ordo.review;

import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.math.RoundingMode;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_ReviewOrder. On create it puts what a reviewer needs on the task (the manual-review form shows
 * these task variables): customer, items, totals, shipping, the reason. On complete it insists on a
 * decision and a comment and writes them to the order's timeline.
 */
@Component
class ReviewOrderTaskListener implements TaskListener {
    private final OrderStore orders;

    ReviewOrderTaskListener(OrderStore orders) {
        this.orders = orders;
    }

    @Override
    public void notify(DelegateTask task) {
        String orderId = task.getExecution().getProcessBusinessKey();
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            OrderRecord order = orders.get(orderId);
            task.setVariableLocal("orderId", orderId);
            task.setVariableLocal("customerId", order.customer().id());
            task.setVariableLocal("customerEmail", order.customer().email());
            task.setVariableLocal("orderTotalText", order.total().setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + order.currency());
            task.setVariableLocal("itemsSummary", OrderSummaries.items(order));
            task.setVariableLocal("shippingSummary", OrderSummaries.shipping(order));
            task.setVariableLocal("riskReason", reason(task));
            task.setName("Review order " + orderId.substring(0, 8) + " (" + order.total().toPlainString() + " " + order.currency() + ")");
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Object decision = task.getVariable("reviewDecision");
            Object comment = task.getVariable("reviewComment");
            if (!"approve".equals(decision) && !"reject".equals(decision)) {
                throw new ProcessEngineException("Order " + orderId + ": choose approve or reject (reviewDecision) before completing the review");
            }
            if (comment == null || comment.toString().isBlank()) {
                throw new ProcessEngineException("Order " + orderId + ": a review needs a comment (reviewComment)");
            }
            orders.recordEvent(orderId, "approve".equals(decision) ? "REVIEW_APPROVED" : "REVIEW_REJECTED", null,
                    "Reviewed by " + (task.getAssignee() == null ? "an operator" : task.getAssignee()) + ": " + comment);
        }
    }

    private static String reason(DelegateTask task) {
        boolean newCustomer = Boolean.TRUE.equals(task.getVariable("newCustomer"));
        boolean mismatch = Boolean.TRUE.equals(task.getVariable("addressMismatch"));
        return "order-risk decided REVIEW: total " + task.getVariable("orderTotal")
                + (newCustomer ? ", first order of this customer" : ", known customer")
                + (mismatch ? ", billing and shipping country differ" : "");
    }
}
