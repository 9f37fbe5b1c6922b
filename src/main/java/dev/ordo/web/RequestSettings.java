package dev.ordo.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many API requests a node works on at once ({@code ordo.requests.max-concurrent}; each may hold a
 * database connection, so the pool is sized with it) and how long a new order may wait for one of those
 * slots before it is refused with 503 At capacity ({@code ordo.requests.placement-wait}). Requests beyond
 * the slots wait in the order they came, parked, not in Tomcat's queue: the connector has threads to spare
 * so that a refusal is answered at once instead of queueing behind the work it refuses
 * (docs/benchmarks.md, tuning step 9).
 */
@ConfigurationProperties("ordo.requests")
public record RequestSettings(Integer maxConcurrent, Duration placementWait) {
    public RequestSettings {
        maxConcurrent = maxConcurrent == null ? 16 : maxConcurrent;
        placementWait = placementWait == null ? Duration.ofMillis(100) : placementWait;
        if (maxConcurrent < 1) throw new IllegalArgumentException("ordo.requests.max-concurrent must be at least 1");
        if (placementWait.isNegative()) throw new IllegalArgumentException("ordo.requests.placement-wait must not be negative");
    }
}
