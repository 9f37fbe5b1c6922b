package dev.ordo.order;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CancelMissingLines / Task_CancelUnavailableLines: lines that could not be reserved are
 * cancelled, so the rest of the order goes on without them. Their share of the authorization is
 * voided when the order completes ("Void what was not captured").
 */
@Component
class CancelMissingLinesDelegate implements JavaDelegate {
    private final OrderStore orders;

    CancelMissingLinesDelegate(OrderStore orders) {
        this.orders = orders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = execution.getProcessBusinessKey();
        List<OrderRecord.Line> missing = orders.lines(orderId).stream()
                .filter(l -> l.status() == LineStatus.PENDING || l.status() == LineStatus.BACKORDERED).toList();
        missing.forEach(l -> orders.setLineStatus(l.id(), LineStatus.CANCELLED));
        if (!missing.isEmpty()) {
            orders.recordEvent(orderId, "LINES_CANCELLED", null, missing.stream().map(l -> l.quantity() + " x " + l.sku())
                    .collect(Collectors.joining(", ")) + " cancelled: not in stock");
        }
        execution.setVariable("stockReserved", true);
    }
}
