package dev.ordo.payment;

import dev.ordo.adapter.AdapterCalls;
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
    private final AdapterCalls calls;

    Payments(PaymentGateway gateway, PaymentStore store, OrderStore orders, AdapterCalls calls) {
        this.gateway = gateway;
        this.store = store;
        this.orders = orders;
        this.calls = calls;
    }

    /** Authorizes the order total under {@code key} ({@code <order>:authorize}, or a renewal's own key). */
    PaymentGateway.Result authorize(OrderRecord order, String key) {
        var result = call(order.id(), "authorize", "authorize " + money(order.total(), order.currency()),
                () -> gateway.authorize(key, order.paymentToken(), order.total(), order.currency()));
        store.record(order.id(), PaymentStore.Kind.AUTHORIZATION, order.total(), outcome(result), result.reference(), key, null);
        if (result.approved()) {
            updateStatus(order.id());
            orders.recordEvent(order.id(), "PAYMENT_AUTHORIZED", null, money(order.total(), order.currency()) + " authorized");
        } else {
            orders.setPaymentStatus(order.id(), PaymentStatus.DECLINED.name());
            orders.recordEvent(order.id(), "PAYMENT_DECLINED", null, result.declineReason());
        }
        return result;
    }

    PaymentGateway.Result authorize(OrderRecord order) {
        return authorize(order, order.id() + ":authorize");
    }

    /** Captures {@code amount} for one shipment, or (shipment null) everything still open at once. */
    void capture(OrderRecord order, String shipmentId, BigDecimal amount) {
        String key = order.id() + ":capture" + (shipmentId == null ? "" : ":" + shipmentId);
        BigDecimal value = amount != null ? amount : store.summary(order.id()).open();
        String authorization = store.authorizationRef(order.id()).orElseThrow(() ->
                new IllegalStateException("Order " + order.id() + " has no approved authorization to capture"));
        var result = call(order.id(), "capture", "capture " + money(value, order.currency()),
                () -> gateway.capture(key, authorization, value, order.currency()));
        store.record(order.id(), PaymentStore.Kind.CAPTURE, value, outcome(result), result.reference(), key, shipmentId);
        updateStatus(order.id());
        orders.recordEvent(order.id(), "PAYMENT_CAPTURED", null, money(value, order.currency()) + " captured"
                + (shipmentId == null ? "" : " for shipment " + shipmentId));
    }

    /** Voids what is held and not captured under {@code key}; nothing to do when nothing is open. */
    void voidOpen(OrderRecord order, String key) {
        BigDecimal open = store.summary(order.id()).open();
        if (open.signum() <= 0) return;
        voidAuthorization(order, key, store.authorizationRef(order.id()).orElseThrow(), open);
    }

    /** Voids {@code amount} of the authorization {@code authorization} under {@code key}. */
    void voidAuthorization(OrderRecord order, String key, String authorization, BigDecimal amount) {
        var result = call(order.id(), "void", "void " + money(amount, order.currency()),
                () -> gateway.voidAuthorization(key, authorization, amount, order.currency()));
        store.record(order.id(), PaymentStore.Kind.VOID, amount, outcome(result), result.reference(), key, null);
        updateStatus(order.id());
        orders.recordEvent(order.id(), "PAYMENT_VOIDED", null, money(amount, order.currency()) + " voided");
    }

    /** Refunds what was captured and not refunded yet under {@code key}; nothing to do when nothing was captured. */
    void refund(OrderRecord order, String key) {
        var summary = store.summary(order.id());
        BigDecimal due = summary.captured().subtract(summary.refunded());
        if (due.signum() <= 0) return;
        String authorization = store.authorizationRef(order.id()).orElseThrow();
        var result = call(order.id(), "refund", "refund " + money(due, order.currency()),
                () -> gateway.refund(key, authorization, due, order.currency()));
        store.record(order.id(), PaymentStore.Kind.REFUND, due, outcome(result), result.reference(), key, null);
        updateStatus(order.id());
        orders.recordEvent(order.id(), "PAYMENT_REFUNDED", null, money(due, order.currency()) + " refunded");
    }

    void voidRemaining(OrderRecord order) {
        voidOpen(order, order.id() + ":void");
    }

    /**
     * Refunds {@code amount} of what was captured, under {@code <order>:refund:<purpose>} (a return's
     * id): never more than captured and not yet refunded; nothing to do when that is zero.
     * @return the amount refunded
     */
    BigDecimal refund(OrderRecord order, String purpose, BigDecimal amount) {
        String key = order.id() + ":refund:" + purpose;
        var summary = store.summary(order.id());
        BigDecimal value = amount.min(summary.captured().subtract(summary.refunded()));
        if (value.signum() <= 0) return BigDecimal.ZERO;
        String authorization = store.authorizationRef(order.id()).orElseThrow();
        var result = call(order.id(), "refund", "refund " + money(value, order.currency()),
                () -> gateway.refund(key, authorization, value, order.currency()));
        store.record(order.id(), PaymentStore.Kind.REFUND, value, outcome(result), result.reference(), key, null);
        updateStatus(order.id());
        orders.recordEvent(order.id(), result.approved() ? "PAYMENT_REFUNDED" : "PAYMENT_REFUND_DECLINED", null,
                money(value, order.currency()) + (result.approved() ? " refunded" : " refund declined: " + result.declineReason()));
        if (!result.approved()) {
            throw new IllegalStateException("Order " + order.id() + ": the provider declined refunding " + money(value, order.currency()));
        }
        return value;
    }

    /**
     * Renews an authorization before it expires: voids the current one and authorizes again. Both keys
     * name the renewal's number, so a retried renewal neither voids nor authorizes twice.
     */
    PaymentGateway.Result reauthorize(OrderRecord order) {
        int renewal = store.authorizations(order.id());
        voidOpen(order, order.id() + ":void:renewal-" + renewal);
        var result = authorize(order, order.id() + ":authorize:renewal-" + renewal);
        if (!result.approved()) {
            updateStatus(order.id()); // the old authorization is voided, nothing is held: VOIDED (the timeline says declined)
        }
        return result;
    }

    private void updateStatus(String orderId) {
        orders.setPaymentStatus(orderId, store.summary(orderId).status().name());
    }

    /** Every payment provider call passes here: timed ({@link AdapterCalls}) and failures made incident-ready. */
    private PaymentGateway.Result call(String orderId, String operation, String action, Supplier<PaymentGateway.Result> call) {
        try {
            return calls.record("payment", operation, call,
                    result -> result.approved() ? AdapterCalls.SUCCESS : AdapterCalls.DECLINED);
        } catch (PaymentGatewayException e) {
            throw new AdapterFailure(orderId, gateway.name(), action, e);
        }
    }

    private static String outcome(PaymentGateway.Result result) {
        return result.approved() ? "APPROVED" : "DECLINED";
    }

    /** What the goods of a shipment cost the customer: the sum of its lines at the order's unit prices. */
    static BigDecimal valueOf(OrderRecord order, java.util.List<dev.ordo.shipping.ShipmentStore.Line> shipmentLines) {
        var prices = order.lines().stream().collect(java.util.stream.Collectors.toMap(OrderRecord.Line::id, OrderRecord.Line::unitPrice));
        return shipmentLines.stream().map(l -> prices.get(l.lineId()).multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }
}
