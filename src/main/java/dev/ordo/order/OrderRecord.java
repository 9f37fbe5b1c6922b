package dev.ordo.order;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An order as stored in Ordo's tables. */
public record OrderRecord(
        String id, String channel, String orderType, OrderStatus status,
        Customer customer, String currency, BigDecimal total, Address shippingAddress, String shippingMethod,
        String paymentMethod, String paymentToken, String paymentStatus,
        String processDefinitionKey, Integer processVersion,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Line> lines, String billingCountry) {

    public record Customer(String id, String email, String tier) {}

    public record Address(String name, String line1, String line2, String city, String region,
                          String postalCode, String country) {}

    public record Line(String id, int lineNo, String sku, int quantity, BigDecimal unitPrice, LineStatus status) {
        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }
}
