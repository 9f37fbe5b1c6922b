package dev.ordo.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ordo.webhooks.*}: delivery retries back off exponentially from {@code initialBackoff},
 * doubling up to {@code maxBackoff}; after {@code maxAttempts} failed attempts a delivery is DEAD.
 */
@ConfigurationProperties("ordo.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("PT0.2S") Duration pollInterval,
        @DefaultValue("PT1S") Duration initialBackoff,
        @DefaultValue("PT10M") Duration maxBackoff,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("50") int batchSize) {

    /** The wait after the {@code attempts}-th failed attempt: initial, 2x, 4x, ... capped at the maximum. */
    Duration backoffAfter(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 || wait.isNegative() ? maxBackoff : wait;
    }
}
