package dev.ordo.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordo.order.OrderViews;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the database: publishes new outbox rows, then sends due deliveries, each claimed with a
 * conditional UPDATE (a lease) so two nodes never send the same attempt. At least once: a node that
 * dies after sending but before recording leaves the lease to expire and the delivery is sent again,
 * with the same {@code Ordo-Event-Id}.
 */
@Component
class WebhookDispatcher {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookStore store;
    private final OutboxPublisher publisher;
    private final OrderViews orders;
    private final ObjectMapper json;
    private final WebhookProperties properties;
    private final UrlGuard guard;
    private final HttpClient http;

    WebhookDispatcher(WebhookStore store, OutboxPublisher publisher, OrderViews orders, ObjectMapper json,
            WebhookProperties properties) {
        this.store = store;
        this.publisher = publisher;
        this.orders = orders;
        this.json = json;
        this.properties = properties;
        this.guard = new UrlGuard(properties.allowPrivateAddresses());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(fixedDelayString = "${ordo.webhooks.poll-interval:PT0.2S}", initialDelayString = "${ordo.webhooks.poll-interval:PT0.2S}")
    void poll() {
        try {
            while (publisher.publish() > 0) {
                // keep numbering until the backlog is published
            }
            int sent;
            do {
                sent = deliverDue(); // a full batch: more may be due now (one batch per round capped ~50/s per node)
            } while (sent > 0 && sent == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Webhook dispatch round failed; the next round retries: {}", e.toString());
        }
    }

    /**
     * Sends a batch of due deliveries once (in parallel: at most one per subscription and order) and records
     * the outcomes. @return how many were due (the batch size when there may be more)
     */
    int deliverDue() {
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        Duration lease = properties.timeout().multipliedBy(3);
        List<WebhookStore.Due> due = store.due(properties.batchSize());
        for (WebhookStore.Due delivery : due) {
            if (store.claim(delivery.id(), lease)) {
                inFlight.add(send(delivery));
            }
        }
        inFlight.forEach(CompletableFuture::join);
        return due.size();
    }

    private CompletableFuture<Void> send(WebhookStore.Due due) {
        int attempt = due.attempts() + 1;
        String body;
        try {
            body = body(due);
        } catch (RuntimeException e) {
            fail(due, attempt, null, "could not build the event: " + e);
            return CompletableFuture.completedFuture(null);
        }
        String refused = guard.problem(due.url());
        if (refused != null) {
            fail(due, attempt, null, "url " + refused);
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(due.url()))
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Ordo-Webhooks/1")
                .header("Ordo-Event-Id", due.eventId())
                .header("Ordo-Signature", Signatures.header(due.secret(), Instant.now().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            try {
                if (error != null) {
                    fail(due, attempt, null, error.toString());
                } else if (response.statusCode() / 100 == 2) {
                    store.delivered(due.id(), response.statusCode());
                } else {
                    fail(due, attempt, response.statusCode(), "HTTP " + response.statusCode());
                }
            } catch (RuntimeException e) {
                log.warn("Could not record the outcome of delivery {}: {}", due.id(), e.toString());
            }
            return null;
        });
    }

    private void fail(WebhookStore.Due due, int attempt, Integer status, String error) {
        boolean dead = attempt >= properties.maxAttempts();
        if (dead) {
            log.warn("Webhook delivery {} of event {} to {} is DEAD after {} attempts: {}", due.id(), due.eventId(),
                    due.url(), attempt, error);
        }
        store.failed(due.id(), status, error, dead, Instant.now().plus(properties.backoffAfter(attempt)));
    }

    /** {@code { "id", "type", "occurredAt", "status"?, "order": <the Order resource now> }}. */
    String body(WebhookStore.Due due) {
        ObjectNode event = json.createObjectNode();
        event.put("id", due.eventId());
        event.put("type", due.type());
        event.put("occurredAt", due.occurredAt().toInstant().toString());
        if (due.status() != null) event.put("status", due.status());
        event.set("order", json.valueToTree(orders.find(due.orderId()).orElseThrow()));
        try {
            return json.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
