package dev.ordo.events;

import dev.ordo.security.ApiClient;
import dev.ordo.security.CurrentClient;
import dev.ordo.security.Role;
import dev.ordo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pull feed: the same events as the webhooks, oldest first, after an opaque cursor. */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "The event feed")
class EventFeedController {
    private final WebhookStore store;

    EventFeedController(WebhookStore store) {
        this.store = store;
    }

    record FeedItem(String id, String type, Instant occurredAt, String orderId, String channel, String status, String cursor) {}

    record FeedPage(List<FeedItem> items, String next) {}

    @GetMapping
    @Operation(summary = "Events after the cursor (none: from the beginning); next is the cursor to pass as after")
    FeedPage events(@RequestParam(required = false) String after, @RequestParam(defaultValue = "100") String limit) {
        long cursor = 0;
        if (after != null && !after.isEmpty()) {
            try {
                cursor = Long.parseLong(after);
            } catch (NumberFormatException e) {
                cursor = -1;
            }
            if (cursor < 0) throw ApiException.badRequest("after", "must be a cursor returned as next");
        }
        int size;
        try {
            size = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1 || size > 500) throw ApiException.badRequest("limit", "must be 1 to 500");
        ApiClient client = CurrentClient.get();
        var events = store.feed(client.role() == Role.OPS ? null : client.channel(), cursor, size);
        List<FeedItem> items = events.stream().map(e -> new FeedItem(e.eventId(), e.type(), e.occurredAt().toInstant(),
                e.orderId(), e.channel(), e.status(), Long.toString(e.seq()))).toList();
        return new FeedPage(items, events.isEmpty() ? Long.toString(cursor) : Long.toString(events.get(events.size() - 1).seq()));
    }
}
