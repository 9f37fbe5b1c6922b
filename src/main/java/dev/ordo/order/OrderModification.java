package dev.ordo.order;

import dev.ordo.adapter.AdapterFailure;
import dev.ordo.catalog.CatalogStore;
import dev.ordo.inventory.InventoryGateway;
import dev.ordo.payment.PaymentStore;
import dev.ordo.process.LineChangeRefused;
import dev.ordo.process.OrderProcess;
import dev.ordo.process.OrderType;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.ShipmentStore;
import dev.ordo.web.ApiException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Modifying an order before it ships: a new shipping address and/or line changes. In one transaction,
 * like the cancellation: lock the order's shipment rows, then the order row (a carrier's SHIPPED event
 * locks the same shipment row, so exactly one of the two wins), refuse when a shipment was handed to
 * the carrier, store the new address and lines, and correlate {@code OrderModified} to the order's
 * fulfilment, whose event subprocess "Order modified" does the rest inside this transaction:
 * re-reserve the stock difference and re-plan the shipments (Task_ChangeLines), authorize a higher
 * total (Task_AdjustAuthorization), re-label what has a label (Task_ApplyModification), void the
 * replaced authorization. Any refusal or adapter failure there rolls everything back: out of stock
 * 409, payment declined 422, carrier or provider down 503 — nothing changed.
 */
@Service
public class OrderModification {
    static final String ADDRESS_CHANGED = "SHIPPING_ADDRESS_CHANGED";
    static final String LINES_CHANGED = "LINES_CHANGED";

    private final OrderStore orders;
    private final ShipmentStore shipments;
    private final OrderProcess process;
    private final CatalogStore catalog;
    private final InventoryGateway inventory;
    private final PaymentStore payments;
    private final RequestKeys keys;

    OrderModification(OrderStore orders, ShipmentStore shipments, OrderProcess process, CatalogStore catalog,
            InventoryGateway inventory, PaymentStore payments, RequestKeys keys) {
        this.keys = keys;
        this.orders = orders;
        this.shipments = shipments;
        this.process = process;
        this.catalog = catalog;
        this.inventory = inventory;
        this.payments = payments;
    }

    /** A line's wanted quantity, by SKU (0 removes it); {@code unitPrice} only for a SKU not on the order. */
    public record LineChange(String sku, int quantity, String unitPrice) {}

    /**
     * Checks the address the way placement does (bean validation of {@link PlaceOrderRequest.Address}
     * is the caller's; the country here). Throws 400 naming {@code shippingAddress.country}.
     */
    public static void check(PlaceOrderRequest.Address address) {
        Addresses.checkCountry("shippingAddress", address).ifPresent(problem -> {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", problem.field() + ": " + problem.message(),
                    List.of(problem));
        });
    }

    /** @return true when the address changed, false when it already was this address (no second effect) */
    @Transactional
    public boolean changeAddress(String orderId, PlaceOrderRequest.Address requested) {
        return modify(orderId, requested, null);
    }

    /**
     * Changes the address (null: keep it) and/or the lines (null: keep them).
     * @return true when something changed, false when the order already was like this (no second effect)
     */
    @Transactional
    public boolean modify(String orderId, PlaceOrderRequest.Address requested, List<LineChange> lines) {
        return modify(orderId, requested, lines, null);
    }

    /** As {@link #modify(String, PlaceOrderRequest.Address, List)}, with the request's optional Idempotency-Key. */
    @Transactional
    public boolean modify(String orderId, PlaceOrderRequest.Address requested, List<LineChange> lines, RequestKeys.Key key) {
        if (requested != null) check(requested);
        // Shipment rows first, then the order row (the order of locks of CarrierEvents and the cancellation).
        shipments.lockOfOrder(orderId);
        if (!orders.lock(orderId)) {
            throw ApiException.notFound("order " + orderId);
        }
        // Again, now that the order row is ours: shipments planned meanwhile (Task_PlanShipments holds
        // the order row while it plans) are locked too, so their label step waits for this change.
        List<ShipmentStore.Shipment> locked = shipments.lockOfOrder(orderId);
        if (keys.alreadyDone(orderId, key)) {
            return false; // this request was done under this key
        }
        OrderRecord order = orders.get(orderId);
        boolean ships = process.orderType(order.orderType()).map(OrderType::requiresShipping).orElse(true);
        if (!ships && requested != null) {
            throw ApiException.unprocessable("shippingAddress", "orders of type " + order.orderType() + " ship nothing");
        }
        if (!ships) {
            throw ApiException.conflict("orders of type " + order.orderType() + " cannot change lines (licences are issued "
                    + "at once); cancel the order instead");
        }
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REJECTED
                || orders.timeline(orderId).stream().anyMatch(e -> OrderCancellation.REQUESTED.equals(e.type()))) {
            throw ApiException.conflict("the order is " + (order.status() == OrderStatus.REJECTED ? "rejected" : "cancelled")
                    + ": it can no longer be modified");
        }
        for (ShipmentStore.Shipment shipment : locked) {
            if (shipment.status().handedToCarrier()) {
                throw ApiException.conflict("shipment " + shipment.id() + " has been handed to the carrier ("
                        + shipment.status() + "): the order can no longer be modified");
            }
        }
        boolean linesChanged = lines != null && changeLines(order, lines);
        boolean addressChanged = requested != null && changeAddress(order, Addresses.toRecord(requested));
        if (!addressChanged && !linesChanged) {
            return false;
        }
        int number = (int) orders.timeline(orderId).stream()
                .filter(e -> ADDRESS_CHANGED.equals(e.type()) || LINES_CHANGED.equals(e.type())).count();
        boolean told = tell(orderId, new OrderProcess.Modification(number, addressChanged, linesChanged));
        if (!told && locked.stream().anyMatch(s -> s.status() == ShipmentStatus.LABEL_CREATED)) {
            // Labels exist but no fulfilment listens (e.g. an instance on a version without "Order modified").
            throw ApiException.conflict("the order's labels cannot be replaced by its process version; nothing was changed");
        }
        if (!told && linesChanged && (!inventory.heldBy(orderId).isEmpty()
                || payments.summary(orderId).authorized().signum() > 0)) {
            // Stock or payment held and no fulfilment to adjust them (e.g. a pre-order waiting for its release date).
            throw ApiException.conflict("the order's lines cannot change at this point of its process (stock or payment "
                    + "is held and its fulfilment is not running); try again once its fulfilment has started");
        }
        return true;
    }

    private boolean changeAddress(OrderRecord order, OrderRecord.Address address) {
        if (Objects.equals(address, order.shippingAddress())) return false;
        orders.setShippingAddress(order.id(), address);
        orders.recordEvent(order.id(), ADDRESS_CHANGED, null, "Shipping address changed to " + address.line1() + ", "
                + address.postalCode() + " " + address.city() + ", " + address.country());
        return true;
    }

    /**
     * Validates the requested lines like placement (400 naming the field, unknown SKU 422) and writes
     * them: a SKU on the order gets the new quantity (0: the line is CANCELLED), a new SKU a new PENDING
     * line at the requested price, else the price it had on a removed line. The total follows.
     */
    private boolean changeLines(OrderRecord order, List<LineChange> requested) {
        List<ApiException.FieldProblem> invalid = new ArrayList<>();
        List<ApiException.FieldProblem> unprocessable = new ArrayList<>();
        var known = catalog.products(requested.stream().map(LineChange::sku).toList());
        Set<String> seen = new HashSet<>();
        List<String> changes = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            LineChange change = requested.get(i);
            String field = "lines[" + i + "]";
            if (!seen.add(change.sku())) {
                invalid.add(new ApiException.FieldProblem(field + ".sku", "appears on more than one line; one quantity per SKU"));
                continue;
            }
            if (!known.containsKey(change.sku())) {
                unprocessable.add(new ApiException.FieldProblem(field + ".sku", "unknown SKU '" + change.sku() + "'"));
                continue;
            }
            OrderRecord.Line line = order.lines().stream()
                    .filter(l -> l.sku().equals(change.sku()) && l.status() != LineStatus.CANCELLED).findFirst().orElse(null);
            BigDecimal price = change.unitPrice() == null ? null : new BigDecimal(change.unitPrice());
            if (line != null) {
                if (price != null && price.compareTo(line.unitPrice()) != 0) {
                    invalid.add(new ApiException.FieldProblem(field + ".unitPrice", "must be the line's price ("
                            + line.unitPrice().toPlainString() + ") or left out: a line's price cannot change"));
                } else if (change.quantity() != line.quantity()) {
                    changes.add(change.sku() + " " + line.quantity() + " -> " + change.quantity());
                    writes.add(change.quantity() == 0 ? () -> orders.setLineStatus(line.id(), LineStatus.CANCELLED)
                            : () -> orders.setLineQuantity(line.id(), change.quantity()));
                }
                continue;
            }
            if (change.quantity() == 0) continue; // not on the order (any more): nothing to remove
            BigDecimal unitPrice = price != null ? price : order.lines().stream().filter(l -> l.sku().equals(change.sku()))
                    .reduce((a, b) -> b).map(OrderRecord.Line::unitPrice).orElse(null);
            if (unitPrice == null) {
                invalid.add(new ApiException.FieldProblem(field + ".unitPrice", "is required for a SKU that is not on the order"));
                continue;
            }
            changes.add(change.sku() + " 0 -> " + change.quantity());
            writes.add(() -> orders.addLine(order.id(), UUID.randomUUID().toString(), change.sku(), change.quantity(), unitPrice));
        }
        if (!invalid.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", OrderPlacement.describe(invalid), invalid);
        }
        if (!unprocessable.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable change", OrderPlacement.describe(unprocessable),
                    unprocessable);
        }
        if (writes.isEmpty()) return false;
        writes.forEach(Runnable::run);
        List<OrderRecord.Line> now = orders.lines(order.id());
        if (now.stream().allMatch(l -> l.status() == LineStatus.CANCELLED)) {
            throw ApiException.conflict("a modification cannot remove every line; cancel the order instead");
        }
        BigDecimal total = now.stream().filter(l -> l.status() != LineStatus.CANCELLED)
                .map(OrderRecord.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String category = OrderPlacement.productCategory(catalog.products(now.stream()
                .filter(l -> l.status() != LineStatus.CANCELLED).map(OrderRecord.Line::sku).toList()).values());
        orders.setTotal(order.id(), total, category);
        process.linesChanged(order.id(), total, category);
        orders.recordEvent(order.id(), LINES_CHANGED, null, "Lines changed: " + String.join(", ", changes));
        return true;
    }

    /** Correlates the modification; a refusal or adapter failure in its steps becomes the answer (all rolled back). */
    private boolean tell(String orderId, OrderProcess.Modification modification) {
        try {
            return process.orderModified(orderId, modification);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof LineChangeRefused refused) {
                    throw refused.reason() == LineChangeRefused.Reason.PAYMENT_DECLINED
                            ? new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Payment declined",
                                    refused.getMessage() + "; nothing was changed", List.of())
                            : new ApiException(HttpStatus.CONFLICT, refused.reason() == LineChangeRefused.Reason.OUT_OF_STOCK
                                    ? "Out of stock" : "Conflict", refused.getMessage() + "; nothing was changed", List.of());
                }
                if (t instanceof AdapterFailure) {
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Provider unavailable",
                            "the carrier or payment provider could not apply the change (" + t.getMessage()
                                    + "); nothing was changed, try again", List.of());
                }
            }
            throw e;
        }
    }
}
