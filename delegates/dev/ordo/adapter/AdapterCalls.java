package dev.ordo.adapter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Times every call to an external system: the Micrometer timer {@code ordo.adapter.calls}
 * (Prometheus {@code ordo_adapter_calls_seconds_*}) with the tags {@code adapter} (payment, carrier,
 * licence), {@code operation} (authorize, capture, void, create_label, issue) and {@code outcome}:
 * {@code success}, {@code declined} (a business "no", e.g. a declined card) or {@code failure} (the
 * call threw: timeout, outage — what becomes a retry and, in the end, an incident).
 */
@Component
public class AdapterCalls {
    public static final String METER = "ordo.adapter.calls";
    public static final String SUCCESS = "success";
    public static final String DECLINED = "declined";
    public static final String FAILURE = "failure";

    private final MeterRegistry registry;

    public AdapterCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> T record(String adapter, String operation, Supplier<T> call) {
        return record(adapter, operation, call, result -> SUCCESS);
    }

    /** Runs {@code call}; {@code outcome} names the outcome of a call that returned. */
    public <T> T record(String adapter, String operation, Supplier<T> call, Function<T, String> outcome) {
        Timer.Sample sample = Timer.start(registry);
        String result = FAILURE;
        try {
            T value = call.get();
            result = outcome.apply(value);
            return value;
        } finally {
            sample.stop(Timer.builder(METER)
                    .description("Calls to payment, carrier and licence providers")
                    .tag("adapter", adapter).tag("operation", operation).tag("outcome", result)
                    .register(registry));
        }
    }
}
