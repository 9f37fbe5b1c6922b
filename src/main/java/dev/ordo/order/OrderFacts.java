package dev.ordo.order;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The order's facts as the diagrams read them, from the order's row: the call activities pass them to the
 * called processes' decisions and gateways as source expressions, e.g.
 * {@code <camunda:in sourceExpression="${orderFacts.of(execution.processBusinessKey).destinationCountry}"
 * target="destinationCountry"/>}, and the pre-order's timers read {@code releaseDate} and
 * {@code reauthorizeAfter} the same way. So an order's own process instance holds no variables: it used to
 * hold thirteen, inserted at placement and deleted at the end only to be copied on (measured with the engine
 * on Ordo's diagrams: ~10 % of the engine's CPU per order; docs/benchmarks.md, tuning step 14), and a call
 * that starts late (a pre-order's fulfilment, weeks on) sees the order as it is then, not as it was placed.
 *
 * <p>The names and types are the variables' as before: {@code orderType}, {@code orderTotal} (a double),
 * {@code customerTier}, {@code newCustomer}, {@code addressMismatch}, {@code destinationCountry},
 * {@code destinationRegion}, {@code shippingMethod}, {@code productCategory}, {@code backorderWait} and
 * {@code reauthorizeAfter} (ISO durations from {@code ordo.orders.*}) and {@code releaseDate} (a date: the
 * products' latest release date, now when none has one). Read once per transaction and order (a call
 * activity's in-mappings share one query) until the order's lines change. An unknown order is an error (the call's job fails visibly).
 */
@Component("orderFacts")
public class OrderFacts {
    private final OrderStore orders;
    private final OrderSettings settings;

    OrderFacts(OrderStore orders, OrderSettings settings) {
        this.orders = orders;
        this.settings = settings;
    }

    /** The facts of order {@code orderId} by variable name. */
    public Map<String, Object> of(String orderId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read(orderId);
        }
        String key = key(orderId);
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) TransactionSynchronizationManager.getResource(key);
        if (facts == null) {
            facts = read(orderId);
            TransactionSynchronizationManager.bindResource(key, facts);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        return facts;
    }

    /** Forgets what this transaction read of the order: its row changed ({@link OrderStore#setTotal}). */
    static void forget(String orderId) {
        TransactionSynchronizationManager.unbindResourceIfPossible(key(orderId));
    }

    private static String key(String orderId) {
        return OrderFacts.class.getName() + ":" + orderId;
    }

    private Map<String, Object> read(String orderId) {
        OrderStore.Facts f = orders.facts(orderId)
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " not found: it has no facts to pass on"));
        Map<String, Object> facts = new HashMap<>();
        facts.put("orderType", f.orderType());
        facts.put("orderTotal", f.total().doubleValue());
        facts.put("customerTier", f.customerTier());
        facts.put("newCustomer", f.newCustomer());
        facts.put("addressMismatch", f.addressMismatch());
        facts.put("destinationCountry", f.destinationCountry());
        facts.put("destinationRegion", f.destinationRegion());
        facts.put("shippingMethod", f.shippingMethod());
        facts.put("productCategory", f.productCategory());
        facts.put("backorderWait", settings.backorderTimeout().toString());
        facts.put("reauthorizeAfter", settings.reauthorizeAfter().toString());
        facts.put("releaseDate", f.releaseDate() == null ? new Date()
                : Date.from(f.releaseDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
        return java.util.Collections.unmodifiableMap(facts); // a digital order has no destination: null
    }
}
