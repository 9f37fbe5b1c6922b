package dev.ordo.shipping;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ordo.carrier.simulator.*}: latency, share of failing calls, carriers that refuse every label,
 * and whether simulated shipments move on by themselves (SHIPPED, IN_TRANSIT, DELIVERED, one step
 * every {@code advanceDelay}).
 */
@ConfigurationProperties("ordo.carrier.simulator")
public record CarrierSimulatorProperties(Duration latency, double failureRate, List<String> unavailableCarriers,
                                         boolean autoAdvance, Duration advanceDelay) {
    public CarrierSimulatorProperties {
        latency = latency == null ? Duration.ZERO : latency;
        unavailableCarriers = unavailableCarriers == null ? List.of() : List.copyOf(unavailableCarriers);
        advanceDelay = advanceDelay == null ? Duration.ofSeconds(5) : advanceDelay;
    }
}
