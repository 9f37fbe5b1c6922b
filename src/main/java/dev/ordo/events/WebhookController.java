package dev.ordo.events;

import dev.ordo.security.ApiClient;
import dev.ordo.security.CurrentClient;
import dev.ordo.security.Role;
import dev.ordo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook subscriptions. A storefront key's subscriptions get its own channel's events and only it
 * (and ops) can see them; an ops key's subscriptions get every channel's.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed event deliveries to subscriber URLs")
class WebhookController {
    private static final Set<String> DELIVERY_STATUSES = Set.of("PENDING", "DELIVERED", "DEAD", "DISCARDED");

    private final WebhookStore store;
    private final UrlGuard guard;

    WebhookController(WebhookStore store, WebhookProperties properties) {
        this.store = store;
        this.guard = new UrlGuard(properties.allowPrivateAddresses());
    }

    record CreateWebhook(String url, String secret, List<String> events) {}

    record WebhookView(String id, String url, List<String> events, String channel, Instant createdAt) {}

    record DeliveryView(String id, String eventId, String type, String orderId, String status, int attempts,
                        Integer lastResponseStatus, String lastError, Instant nextAttemptAt, Instant createdAt,
                        Instant deliveredAt) {}

    @PostMapping
    @Operation(summary = "Subscribe a URL to events", description = "201 { id, url, events }; the secret is never returned")
    ResponseEntity<WebhookView> create(@RequestBody CreateWebhook request) {
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        String urlProblem = guard.problem(request.url());
        if (urlProblem != null) problems.add(new ApiException.FieldProblem("url", urlProblem));
        if (request.secret() == null || request.secret().length() < 16 || request.secret().length() > 200) {
            problems.add(new ApiException.FieldProblem("secret", "must be 16 to 200 characters"));
        }
        if (request.events() == null || request.events().isEmpty()) {
            problems.add(new ApiException.FieldProblem("events", "must list at least one of " + EventTypes.ALL));
        } else if (!EventTypes.ALL.containsAll(request.events())) {
            problems.add(new ApiException.FieldProblem("events", "must be from " + EventTypes.ALL));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", problems.stream()
                    .map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElseThrow(), problems);
        }
        ApiClient client = CurrentClient.get();
        var created = store.create(client.role() == Role.OPS ? null : client.channel(), client.name(), request.url(),
                request.secret(), List.copyOf(new LinkedHashSet<>(request.events())));
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(view(created));
    }

    @GetMapping
    @Operation(summary = "The caller's subscriptions (ops: all)")
    List<WebhookView> list() {
        ApiClient client = CurrentClient.get();
        return store.active(client.channel(), client.role() == Role.OPS).stream().map(WebhookController::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One subscription")
    WebhookView get(@PathVariable String id) {
        return view(visible(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Unsubscribe; pending deliveries are not sent any more")
    ResponseEntity<Void> delete(@PathVariable String id) {
        visible(id);
        if (!store.delete(id)) throw ApiException.notFound("webhook " + id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "Deliveries of this subscription in event order, optionally by status (PENDING, DELIVERED, DEAD, DISCARDED)")
    List<DeliveryView> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit) {
        visible(id);
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "must be one of PENDING, DELIVERED, DEAD, DISCARDED");
        }
        if (limit < 1 || limit > 500) throw ApiException.badRequest("limit", "must be 1 to 500");
        return store.deliveries(id, status, limit).stream().map(d -> new DeliveryView(d.id(), d.eventId(), d.type(),
                d.orderId(), d.status(), d.attempts(), d.lastResponseStatus(), d.lastError(), instant(d.nextAttemptAt()),
                instant(d.createdAt()), instant(d.deliveredAt()))).toList();
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redelivery")
    @Operation(summary = "Send a DEAD delivery again (202); 409 when it is not DEAD")
    ResponseEntity<Void> redeliver(@PathVariable String id, @PathVariable String deliveryId) {
        visible(id);
        String status = store.deliveryStatus(id, deliveryId)
                .orElseThrow(() -> ApiException.notFound("delivery " + deliveryId));
        if (!store.redeliver(id, deliveryId)) {
            throw ApiException.conflict("delivery " + deliveryId + " is " + status + "; only DEAD deliveries can be redelivered");
        }
        return ResponseEntity.accepted().build();
    }

    private WebhookStore.Subscription visible(String id) {
        ApiClient client = CurrentClient.get();
        return store.find(id)
                .filter(s -> client.role() == Role.OPS || (s.channel() != null && client.maySee(s.channel())))
                .orElseThrow(() -> ApiException.notFound("webhook " + id));
    }

    private static WebhookView view(WebhookStore.Subscription s) {
        return new WebhookView(s.id(), s.url(), s.events(), s.channel(), instant(s.createdAt()));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
