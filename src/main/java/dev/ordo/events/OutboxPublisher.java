package dev.ordo.events;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Numbers committed outbox rows (the feed cursor) and fans each event out to one delivery row per
 * matching subscription. One transaction under the publisher row lock, so two nodes never give the
 * same number or create a delivery twice, and numbers grow in the order rows became visible.
 */
@Component
class OutboxPublisher {
    private static final int BATCH = 500;
    private final WebhookStore store;

    OutboxPublisher(WebhookStore store) {
        this.store = store;
    }

    /** @return how many events were published */
    @Transactional
    public int publish() {
        long last = store.lockPublisher();
        int numbered = store.numberUnpublished(last, BATCH);
        if (numbered == 0) return 0;
        List<WebhookStore.FeedEvent> events = store.feed(null, last, numbered);
        List<WebhookStore.Subscription> subscriptions = store.active(null, true);
        for (WebhookStore.FeedEvent event : events) {
            for (WebhookStore.Subscription s : subscriptions) {
                if ((s.channel() == null || s.channel().equals(event.channel())) && s.events().contains(event.type())
                        && !event.occurredAt().isBefore(s.createdAt())) {
                    store.addDelivery(s.id(), event, event.seq());
                }
            }
        }
        store.published(last + numbered);
        return numbered;
    }
}
