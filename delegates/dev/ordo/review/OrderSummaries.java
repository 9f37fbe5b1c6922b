package dev.ordo.review;

import dev.ordo.order.OrderRecord;
import java.util.stream.Collectors;

/** One-line texts of an order for the people who look at it in Tasklist. */
public final class OrderSummaries {
    private OrderSummaries() {}

    public static String items(OrderRecord order) {
        return order.lines().stream().map(l -> l.quantity() + " x " + l.sku() + " @ " + l.unitPrice().toPlainString())
                .collect(Collectors.joining("\n"));
    }

    public static String shipping(OrderRecord order) {
        var a = order.shippingAddress();
        if (a == null) return "nothing to ship";
        return a.name() + ", " + a.line1() + (a.line2() == null ? "" : ", " + a.line2()) + ", " + a.postalCode() + " "
                + a.city() + (a.region() == null ? "" : " " + a.region()) + ", " + a.country() + " (" + order.shippingMethod() + ")";
    }
}
