package dev.ordo.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ordo.payment.simulator.*}: latency, share of calls failing technically, share of lost responses. */
@ConfigurationProperties("ordo.payment.simulator")
public record PaymentSimulatorProperties(Duration latency, double failureRate, double lostResponseRate) {
    public PaymentSimulatorProperties {
        latency = latency == null ? Duration.ZERO : latency;
    }
}
