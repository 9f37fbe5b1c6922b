package dev.ordo.order;

import dev.ordo.catalog.CatalogStore;
import dev.ordo.payment.PaymentStatus;
import dev.ordo.process.OrderProcess;
import dev.ordo.process.OrderType;
import dev.ordo.security.ApiClient;
import dev.ordo.web.ApiException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders. The order, its lines, its idempotency key and the start of its process commit in
 * one transaction: a request either creates all of it or nothing. The same Idempotency-Key with the
 * same body returns the first order (also when the two requests race: the key's primary key lets
 * one insert win, the other replays); with another body it is refused with 422.
 */
@Service
public class OrderPlacement {
    private final OrderStore orders;
    private final OrderViews views;
    private final CatalogStore catalog;
    private final OrderProcess process;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RequestKeys requestKeys;

    OrderPlacement(OrderStore orders, OrderViews views, CatalogStore catalog, OrderProcess process, JdbcClient jdbc,
            PlatformTransactionManager transactions, RequestKeys requestKeys) {
        this.orders = orders;
        this.views = views;
        this.catalog = catalog;
        this.process = process;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.requestKeys = requestKeys;
    }

    /** An order and whether this request created it (false: an idempotent replay). */
    public record Placed(OrderView order, boolean created) {}

    public Placed place(ApiClient client, String idempotencyKey, PlaceOrderRequest raw) {
        PlaceOrderRequest request = raw.withDefaults();
        String hash = requestKeys.hash(request);
        Optional<Placed> replay = replay(client.channel(), idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        var products = catalog.products(request.lines().stream().map(PlaceOrderRequest.Line::sku).toList());
        OrderType type = check(request, products);
        try {
            // The response is the order as its placement committed it, read in that transaction.
            return new Placed(transaction.execute(tx -> views.ofNewOrder(create(client, idempotencyKey, hash, type,
                    request, products))), true);
        } catch (DuplicateKeyException raced) {
            return awaitReplay(client.channel(), idempotencyKey, hash);
        }
    }

    private String create(ApiClient client, String key, String hash, OrderType type, PlaceOrderRequest r,
            Map<String, CatalogStore.Product> products) {
        boolean newCustomer = !orders.hasOrdered(client.channel(), r.customer().id());
        String orderId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO idempotency_keys (channel, idem_key, request_hash, order_id, created_at) VALUES (?,?,?,?,?)")
                .params(client.channel(), key, hash, orderId, now).update();
        List<OrderRecord.Line> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            var line = r.lines().get(i);
            lines.add(new OrderRecord.Line(UUID.randomUUID().toString(), i + 1, line.sku(), line.quantity(),
                    new BigDecimal(line.unitPrice()), LineStatus.PENDING));
        }
        BigDecimal total = lines.stream().map(OrderRecord.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        OrderRecord.Address address = Addresses.toRecord(r.shippingAddress());
        orders.insert(new OrderRecord(orderId, client.channel(), type.type(), OrderStatus.RECEIVED,
                new OrderRecord.Customer(r.customer().id(), r.customer().email(), r.customer().tier()),
                r.currency(), total, address, r.shippingMethod(), r.payment().method(), r.payment().token(),
                PaymentStatus.PENDING.name(), type.processDefinitionKey(), type.version(), now, now, lines,
                r.billingAddress() == null ? null : r.billingAddress().country()), newCustomer, productCategory(products.values()));
        // The order row already names the type's process key and version: it starts exactly that definition.
        // It starts without variables: the diagrams read the order's facts from its row (OrderFacts).
        process.start(type, orderId);
        return orderId;
    }

    /** The order's fact {@code productCategory}: the lines' one category ("none" when unset), or "mixed". */
    static String productCategory(java.util.Collection<CatalogStore.Product> products) {
        Set<String> categories = products.stream()
                .map(p -> p.category() == null ? "none" : p.category()).collect(java.util.stream.Collectors.toSet());
        return categories.size() == 1 ? categories.iterator().next() : "mixed";
    }

    /** Checks what bean validation cannot: the order type, SKUs, countries, currencies. */
    private OrderType check(PlaceOrderRequest r, Map<String, CatalogStore.Product> known) {
        List<ApiException.FieldProblem> invalid = new ArrayList<>();
        try {
            Currency.getInstance(r.currency());
        } catch (IllegalArgumentException e) {
            invalid.add(new ApiException.FieldProblem("currency", "is not an ISO 4217 currency code"));
        }
        Addresses.checkCountry("shippingAddress", r.shippingAddress()).ifPresent(invalid::add);
        Addresses.checkCountry("billingAddress", r.billingAddress()).ifPresent(invalid::add);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.lines().size(); i++) {
            if (!seen.add(r.lines().get(i).sku())) {
                invalid.add(new ApiException.FieldProblem("lines[" + i + "].sku", "appears on more than one line; combine the quantities"));
            }
        }
        OrderType type = process.orderType(r.orderType()).orElse(null);
        if (type != null && type.requiresShipping() && r.shippingAddress() == null) {
            invalid.add(new ApiException.FieldProblem("shippingAddress", "is required for order type " + type.type()));
        }
        if (!invalid.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", describe(invalid), invalid);
        }
        List<ApiException.FieldProblem> unprocessable = new ArrayList<>();
        if (type == null) {
            unprocessable.add(new ApiException.FieldProblem("orderType", "unknown order type '" + r.orderType() + "'"));
        } else if (!type.accepts(r.payment().method())) {
            unprocessable.add(new ApiException.FieldProblem("payment.method", "order type " + type.type()
                    + " accepts " + type.paymentMethods()));
        }
        for (int i = 0; i < r.lines().size(); i++) {
            if (!known.containsKey(r.lines().get(i).sku())) {
                unprocessable.add(new ApiException.FieldProblem("lines[" + i + "].sku", "unknown SKU '" + r.lines().get(i).sku() + "'"));
            }
        }
        if (type != null && !type.requiresShipping()) {
            for (int i = 0; i < r.lines().size(); i++) {
                var product = known.get(r.lines().get(i).sku());
                if (product != null && !product.digital()) {
                    unprocessable.add(new ApiException.FieldProblem("lines[" + i + "].sku", "'" + product.sku()
                            + "' is not a digital product; order type " + type.type() + " ships nothing"));
                }
            }
        }
        if (!unprocessable.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable order", describe(unprocessable), unprocessable);
        }
        return type;
    }

    private Optional<Placed> replay(String channel, String key, String hash) {
        return jdbc.sql("SELECT request_hash, order_id FROM idempotency_keys WHERE channel = ? AND idem_key = ?")
                .params(channel, key)
                .query((rs, i) -> Map.entry(rs.getString("request_hash"), rs.getString("order_id")))
                .optional()
                .map(stored -> {
                    if (!stored.getKey().equals(hash)) {
                        throw ApiException.unprocessable("Idempotency-Key",
                                "was already used for a different request body; use a new key for a new order");
                    }
                    return new Placed(views.find(stored.getValue()).orElseThrow(), false);
                });
    }

    /** A racing request holds the key: its order becomes visible once that request commits. */
    private Placed awaitReplay(String channel, String key, String hash) {
        for (int attempt = 0; attempt < 600; attempt++) { // up to 30 s
            Optional<Placed> replay = replay(channel, key, hash);
            if (replay.isPresent()) return replay.get();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw ApiException.conflict("another request with the same Idempotency-Key is still being processed; retry");
    }

    static String describe(List<ApiException.FieldProblem> problems) {
        return String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList());
    }
}
