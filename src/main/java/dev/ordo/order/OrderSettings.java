package dev.ordo.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Defaults an order starts with: {@code ordo.orders.backorder-timeout} (how long a backorder waits for stock
 * unless the partial-shipment decision says otherwise) and {@code ordo.orders.reauthorize-after}
 * (a pre-order's authorization is renewed before the card network lets it expire after 7 days). And
 * {@code ordo.orders.max-due-jobs}: placements are refused (503, Retry-After) once that many background
 * steps wait for a job thread, until fewer than 80 % do (0: never; see {@link PlacementAdmission}).
 */
@ConfigurationProperties("ordo.orders")
public record OrderSettings(Duration backorderTimeout, Duration reauthorizeAfter, Integer maxDueJobs) {
    public OrderSettings {
        backorderTimeout = backorderTimeout == null ? Duration.ofDays(14) : backorderTimeout;
        reauthorizeAfter = reauthorizeAfter == null ? Duration.ofDays(6) : reauthorizeAfter;
        maxDueJobs = maxDueJobs == null ? 50 : maxDueJobs;
    }
}
