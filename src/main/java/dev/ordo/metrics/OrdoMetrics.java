package dev.ordo.metrics;

import dev.ordo.order.OrderStatus;
import dev.ordo.order.OrderStore;
import dev.ordo.process.EngineBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gauges {@code ordo_orders{type,status}}, {@code ordo_incidents_open}, {@code ordo_jobs_due} and
 * {@code ordo_webhook_backlog}.
 * They are counted by queries every {@code ordo.metrics.refresh} (default 10 s), not per scrape, so a
 * busy Prometheus (or several) never adds load to the database; a scrape reads the last counts.
 * Every status of every order type seen so far is reported, 0 when no order is in it.
 */
@Component
class OrdoMetrics {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OrdoMetrics.class);

    private final OrderStore orders;
    private final EngineBacklog engine;
    private final MultiGauge ordersByStatus;
    private final AtomicLong openIncidents = new AtomicLong();
    private final AtomicLong dueJobs = new AtomicLong();
    private final AtomicLong webhookBacklog = new AtomicLong();
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Set<String> typesSeen = new TreeSet<>();

    OrdoMetrics(OrderStore orders, EngineBacklog engine, MeterRegistry registry,
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.engine = engine;
        this.ordersByStatus = MultiGauge.builder("ordo.orders")
                .description("Orders by order type and status (refreshed every ordo.metrics.refresh)")
                .register(registry);
        Gauge.builder("ordo.incidents.open", openIncidents, AtomicLong::get)
                .description("Open Camunda incidents (failed jobs waiting for an operator)")
                .register(registry);
        Gauge.builder("ordo.jobs.due", dueJobs, AtomicLong::get)
                .description("Due jobs with retries left that no job executor has acquired yet")
                .register(registry);
        Gauge.builder("ordo.webhook.backlog", webhookBacklog, AtomicLong::get)
                .description("Webhook deliveries not delivered yet (pending or dead)")
                .register(registry);
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${ordo.metrics.refresh:PT10S}")
    void refresh() {
        try {
            refreshOrders();
            openIncidents.set(engine.openIncidents());
            dueJobs.set(engine.dueJobsNotAcquired());
            webhookBacklog.set(jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE status IN ('PENDING', 'DEAD')")
                    .query(Long.class).single());
        } catch (RuntimeException e) {
            // the next round tries again; the gauges keep their last values meanwhile
            log.warn("Could not refresh Ordo's metrics: {}", e.toString());
        }
    }

    private void refreshOrders() {
        Map<List<String>, Long> counts = new HashMap<>();
        Set<String> statuses = new TreeSet<>();
        for (OrderStatus status : OrderStatus.values()) statuses.add(status.name());
        for (OrderStore.Count count : orders.countByTypeAndStatus()) {
            typesSeen.add(count.orderType());
            statuses.add(count.status());
            counts.put(List.of(count.orderType(), count.status()), count.orders());
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String type : typesSeen) {
            for (String status : statuses) {
                long n = counts.getOrDefault(List.of(type, status), 0L);
                rows.add(MultiGauge.Row.of(Tags.of("type", type, "status", status), n));
            }
        }
        ordersByStatus.register(rows, true);
    }
}
