package dev.ordo.order;

import dev.ordo.payment.PaymentStore;
import dev.ordo.shipping.ShipmentStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Assembles the Order resource from the order, payment and shipment tables. */
@Component
public class OrderViews {
    private final OrderStore orders;
    private final PaymentStore payments;
    private final ShipmentStore shipments;
    private final dev.ordo.licence.LicenceStore licences;
    private final HoldStore holds;

    OrderViews(OrderStore orders, PaymentStore payments, ShipmentStore shipments, dev.ordo.licence.LicenceStore licences,
            HoldStore holds) {
        this.holds = holds;
        this.orders = orders;
        this.payments = payments;
        this.shipments = shipments;
        this.licences = licences;
    }

    // No read-only transaction of its own: under READ COMMITTED (PostgreSQL's and H2's default) every
    // statement reads its own snapshot inside a transaction too, so it bought no consistency, only a
    // BEGIN READ ONLY and a COMMIT around every storefront read. Inside a caller's transaction (placement)
    // the queries still run in that transaction.
    public Optional<OrderView> find(String orderId) {
        return orders.find(orderId).map(this::view);
    }

    /**
     * The view of an order placed in the caller's transaction, as that transaction sees it: nothing has
     * paid, shipped, licensed or held it yet (every adapter call is a job after the commit; holds need
     * an order), so it skips those four queries.
     */
    public OrderView ofNewOrder(String orderId) {
        return view(orders.get(orderId), PaymentStore.Summary.NONE, List.of(), List.of(), List.of());
    }

    OrderView view(OrderRecord o) {
        return view(o, payments.summary(o.id()), shipments.ofOrderWithLines(o.id()), licences.ofOrder(o.id()),
                holds.active(o.id()));
    }

    private static OrderView view(OrderRecord o, PaymentStore.Summary summary, List<ShipmentStore.WithLines> shipments,
            List<dev.ordo.licence.LicenceStore.Licence> licences, List<HoldStore.Hold> holds) {
        var a = o.shippingAddress();
        return new OrderView(o.id(), o.status().name(), o.orderType(), o.channel(),
                // Stored: set at placement, kept by milestones and by migrations (MigratedVersionPlugin).
                new OrderView.Process(o.processDefinitionKey(), o.processVersion()),
                new PlaceOrderRequest.Customer(o.customer().id(), o.customer().email(), o.customer().tier()),
                o.currency(), money(o.total()),
                o.lines().stream().map(l -> new OrderView.Line(l.id(), l.sku(), l.quantity(), money(l.unitPrice()),
                        l.status().name())).toList(),
                a == null ? null : new PlaceOrderRequest.Address(a.name(), a.line1(), a.line2(), a.city(), a.region(),
                        a.postalCode(), a.country()),
                o.shippingMethod(),
                new OrderView.Payment(o.paymentMethod(), o.paymentStatus(), money(summary.held()),
                        money(summary.captured()), money(summary.refunded())),
                shipments.stream().map(w -> new OrderView.Shipment(w.shipment().id(),
                        w.shipment().warehouseId(), w.shipment().carrier(), w.shipment().service(),
                        w.shipment().trackingNumber(), w.shipment().status().name(),
                        w.lines().stream().map(l -> new OrderView.ShipmentLine(l.lineId(), l.sku(), l.quantity())).toList()))
                        .toList(),
                o.createdAt().toInstant(), o.updatedAt().toInstant(),
                licences,
                holds.stream().map(h -> new OrderView.Hold(h.id(), h.reason().name(), h.note(), h.placedAt()))
                        .toList());
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
