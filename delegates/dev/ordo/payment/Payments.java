package dev.ordo.payment;

import dev.ordo.adapter.AdapterFailure;
import dev.ordo.order.OrderRecord;
import dev.ordo.order.OrderStore;
import java.math.BigDecimal;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The payment steps the delegates share: call the gateway with a key derived from the order and the
 * step, record the outcome in Ordo's payments and timeline, and keep the order's payment status.
 */
@Component
class Payments {
    private final PaymentGateway gateway;
    private final PaymentStore store;
    private final OrderStore orders;

    Payments(PaymentGateway gateway, PaymentStore store, OrderStore orders) {
        this.gateway = gateway;
        this.store = store;
        this.orders = orders;
    }

    PaymentGateway.Result authorize(OrderRecord order) {
        String key = order.id() + ":authorize";
        var result = call(order.id(), "authorize " + money(order.total(), order.currency()),
                () -> gateway.authorize(key, order.paymentToken(), order.total(), order.currency()));
        store.record(order.id(), PaymentStore.Kind.AUTHORIZATION, order.total(), outcome(result), result.reference(), key, null);
        if (result.approved()) {
            orders.setPaymentStatus(order.id(), PaymentStatus.AUTHORIZED.name());
            orders.recordEvent(order.id(), "PAYMENT_AUTHORIZED", null, money(order.total(), order.currency()) + " authorized");
        } else {
            orders.setPaymentStatus(order.id(), PaymentStatus.DECLINED.name());
            orders.recordEvent(order.id(), "PAYMENT_DECLINED", null, result.declineReason());
        }
        return result;
    }

    void capture(OrderRecord order, String shipmentId, BigDecimal amount) {
        String key = order.id() + ":capture:" + shipmentId;
        String authorization = store.authorizationRef(order.id()).orElseThrow(() ->
                new IllegalStateException("Order " + order.id() + " has no approved authorization to capture"));
        var result = call(order.id(), "capture " + money(amount, order.currency()),
                () -> gateway.capture(key, authorization, amount, order.currency()));
        store.record(order.id(), PaymentStore.Kind.CAPTURE, amount, outcome(result), result.reference(), key, shipmentId);
        updateStatus(order.id());
        orders.recordEvent(order.id(), "PAYMENT_CAPTURED", null, money(amount, order.currency()) + " captured for shipment " + shipmentId);
    }

    /** Voids what is authorized and not captured; nothing to do when nothing is. */
    void voidRemaining(OrderRecord order) {
        var summary = store.summary(order.id());
        BigDecimal open = summary.authorized().subtract(summary.captured()).subtract(summary.voided());
        if (open.signum() <= 0) return;
        String key = order.id() + ":void";
        String authorization = store.authorizationRef(order.id()).orElseThrow();
        var result = call(order.id(), "void " + money(open, order.currency()),
                () -> gateway.voidAuthorization(key, authorization, open, order.currency()));
        store.record(order.id(), PaymentStore.Kind.VOID, open, outcome(result), result.reference(), key, null);
        updateStatus(order.id());
        orders.recordEvent(order.id(), "PAYMENT_VOIDED", null, money(open, order.currency()) + " voided");
    }

    private void updateStatus(String orderId) {
        orders.setPaymentStatus(orderId, store.summary(orderId).status().name());
    }

    private PaymentGateway.Result call(String orderId, String action, Supplier<PaymentGateway.Result> call) {
        try {
            return call.get();
        } catch (PaymentGatewayException e) {
            throw new AdapterFailure(orderId, gateway.name(), action, e);
        }
    }

    private static String outcome(PaymentGateway.Result result) {
        return result.approved() ? "APPROVED" : "DECLINED";
    }

    static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }
}
