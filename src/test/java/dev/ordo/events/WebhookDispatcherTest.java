package dev.ordo.events;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One dispatch round of the webhook dispatcher (the deliveries themselves: WebhookApiTest, over HTTP). */
class WebhookDispatcherTest {
    private final WebhookStore store = mock(WebhookStore.class);
    private final OutboxPublisher publisher = mock(OutboxPublisher.class);
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(store, publisher, null, new ObjectMapper(),
            new WebhookProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(10), 10,
                    Duration.ofSeconds(10), 2));

    private static List<WebhookStore.Due> due(int count) {
        return IntStream.range(0, count).mapToObj(i -> new WebhookStore.Due("dlv_" + i, "wh_1", "order-" + i, 0,
                "evt_" + i, "order.status_changed", "RECEIVED", OffsetDateTime.now(), "http://127.0.0.1:1/hook",
                "0123456789abcdef")).toList();
    }

    @Test
    void aRoundKeepsTakingBatchesWhileTheyComeBackFullSoABacklogIsNotCappedAtOneBatchPerSecond() {
        when(store.due(anyInt())).thenReturn(due(2), due(2), due(1), due(2));
        when(store.claim(anyString(), any())).thenReturn(false); // another node holds them: nothing is sent here

        dispatcher.poll();

        verify(store, times(3)).due(2); // 2 + 2 + 1: the short batch ends the round
    }

    @Test
    void anEmptyOutboxAndNoDueDeliveryEndTheRoundAtOnce() {
        when(store.due(anyInt())).thenReturn(List.of());

        dispatcher.poll();

        verify(publisher, times(1)).publish();
        verify(store, times(1)).due(2);
    }
}
