package dev.ordo.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults an order starts with: {@code ordo.orders.backorder-timeout} (how long a backorder waits for stock
 * unless the partial-shipment decision says otherwise) and {@code ordo.orders.reauthorize-after}
 * (a pre-order's authorization is renewed before the card network lets it expire after 7 days).
 */
@ConfigurationProperties("ordo.orders")
public record OrderSettings(Duration backorderTimeout, Duration reauthorizeAfter) {
    public OrderSettings {
        backorderTimeout = backorderTimeout == null ? Duration.ofDays(14) : backorderTimeout;
        reauthorizeAfter = reauthorizeAfter == null ? Duration.ofDays(6) : reauthorizeAfter;
    }
}
