package dev.ordo.payment;

import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import dev.ordo.returns.ReturnStore;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RefundReturn (return-order): refunds the returned lines' share (unit price times quantity),
 * under the key {@code <order>:refund:<returnId>}, and marks the return REFUNDED. Restocked or
 * written off, the customer gets the money back.
 */
@Component
class RefundReturnDelegate implements JavaDelegate {
    private final Payments payments;
    private final OrderStore orders;
    private final ReturnStore returns;

    RefundReturnDelegate(Payments payments, OrderStore orders, ReturnStore returns) {
        this.payments = payments;
        this.orders = orders;
        this.returns = returns;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String returnId = (String) execution.getVariable("returnId");
        OrderRecord order = orders.get(execution.getProcessBusinessKey());
        Map<String, OrderRecord.Line> lines = order.lines().stream()
                .collect(Collectors.toMap(OrderRecord.Line::id, Function.identity()));
        BigDecimal share = returns.lines(returnId).stream()
                .map(l -> lines.get(l.lineId()).unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal refunded = payments.refund(order, returnId, share);
        returns.refunded(returnId, refunded);
    }
}
