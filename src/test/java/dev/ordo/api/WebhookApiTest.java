package dev.ordo.api;

import static dev.ordo.api.ApiSupport.CARRIER;
import static dev.ordo.api.ApiSupport.MARKETPLACE;
import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.PROCESS_TIMEOUT;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import dev.ordo.events.Signatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Webhooks and the event feed over real HTTP, with a receiver on 127.0.0.1 (the demo profile allows
 * private subscriber addresses; the refusal is tested in WebhookGuardsTest).
 */
class WebhookApiTest extends ApiTestBase {
    static final List<String> STATUS_EVENTS = List.of("order.status_changed");

    final List<String> subscriptions = new ArrayList<>();
    final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void tidyUp() {
        subscriptions.forEach(id -> api.call(HttpMethod.DELETE, "/api/v1/webhooks/" + id, ApiSupport.bearer(OPS), null));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void aReceiverThatFailsForAWhileGetsEveryStatusChangeSignedInOrderOncePerEventId() throws Exception {
        String secret = newSecret();
        WebhookReceiver receiver = receiver(secret, 3);
        Response created = api.post(WEB, "/api/v1/webhooks", Map.of("url", receiver.url(), "secret", secret,
                "events", List.of("order.status_changed", "shipment.shipped", "shipment.delivered", "payment.captured")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).isNotBlank();
        assertThat(created.json().path("url").asText()).isEqualTo(receiver.url());
        assertThat(created.json().has("secret")).isFalse();
        assertThat(created.body()).doesNotContain(secret);
        String webhookId = created.json().path("id").asText();
        subscriptions.add(webhookId);

        String sku = api.newProductIn("us-east", 10);
        String orderId = api.place(orderOf(newCustomer(), sku));
        JsonNode confirmed = api.awaitOrder(orderId, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1 && !o.path("shipments").get(0).path("trackingNumber").isNull());
        String tracking = confirmed.path("shipments").get(0).path("trackingNumber").asText();
        assertThat(api.carrierEvent(tracking, "SHIPPED").status()).isEqualTo(202);
        api.awaitOrder(orderId, "SHIPPED and captured", o -> "SHIPPED".equals(o.path("status").asText())
                && "CAPTURED".equals(o.path("payment").path("status").asText()));
        assertThat(api.carrierEvent(tracking, "DELIVERED").status()).isEqualTo(202);
        api.awaitStatus(orderId, "DELIVERED");

        await("the DELIVERED status change at the receiver").atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> statuses(receiver.eventsOf(orderId)).contains("DELIVERED")
                        && types(receiver.eventsOf(orderId)).contains("shipment.delivered"));

        List<JsonNode> events = receiver.eventsOf(orderId);
        List<String> timelineStatuses = StreamSupport.stream(api.timeline(orderId).spliterator(), false)
                .filter(e -> Set.of("ORDER_PLACED", "STATUS_CHANGED").contains(e.path("type").asText()))
                .map(e -> e.path("status").asText()).toList();
        assertThat(statuses(events)).as("every status change, in order").isEqualTo(timelineStatuses)
                .containsSubsequence("RECEIVED", "CONFIRMED", "SHIPPED", "DELIVERED").startsWith("RECEIVED");
        assertThat(types(events)).containsOnlyOnce("shipment.shipped", "shipment.delivered", "payment.captured")
                .doesNotContain("payment.authorized", "shipment.label_created");
        assertThat(types(events).indexOf("shipment.shipped")).isLessThan(types(events).indexOf("shipment.delivered"));
        for (JsonNode event : events) {
            assertThat(event.path("id").asText()).startsWith("evt_");
            assertThat(event.path("occurredAt").asText()).isNotBlank();
            assertThat(event.path("order").path("id").asText()).isEqualTo(orderId);
            assertThat(event.path("order").path("channel").asText()).isEqualTo("web");
        }
        // Signed, and the first calls failed: retried, every call carried a valid signature.
        List<WebhookReceiver.Call> calls = receiver.calls();
        assertThat(calls).allMatch(WebhookReceiver.Call::signatureValid);
        assertThat(calls.subList(0, 3)).allMatch(c -> c.answered() == 500);
        // Duplicates (at least once) carry the same id and the same event.
        for (WebhookReceiver.Call call : calls) {
            assertThat(call.body().path("id").asText()).isEqualTo(call.eventId());
        }
        List<String> ids = events.stream().map(e -> e.path("id").asText()).toList();
        assertThat(new LinkedHashSet<>(ids)).hasSameSizeAs(ids);
        // The same events, in the same order, in the pull feed and the delivery log.
        List<String> feedIds = feed(OPS, "0", 500).stream().filter(e -> orderId.equals(e.path("orderId").asText()))
                .filter(e -> Set.of("order.status_changed", "shipment.shipped", "shipment.delivered", "payment.captured")
                        .contains(e.path("type").asText()))
                .map(e -> e.path("id").asText()).toList();
        assertThat(ids).isEqualTo(feedIds);
        Response log = api.get(WEB, "/api/v1/webhooks/" + webhookId + "/deliveries?status=DELIVERED&limit=500");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        List<String> logged = StreamSupport.stream(log.json().spliterator(), false)
                .filter(d -> orderId.equals(d.path("orderId").asText())).map(d -> d.path("eventId").asText()).toList();
        assertThat(logged).isEqualTo(ids);
        // In order per order: no event of this order was sent before every earlier one had been delivered.
        // (The receiver also gets the channel's other orders, so failures may have hit their events too.)
        List<WebhookReceiver.Call> ours = calls.stream().filter(c -> ids.contains(c.eventId())).toList();
        for (int i = 0; i < ours.size(); i++) {
            int position = ids.indexOf(ours.get(i).eventId());
            for (String earlier : ids.subList(0, position)) {
                assertThat(ours.subList(0, i)).as("%s sent before %s was delivered; calls: %s", ours.get(i).eventId(), earlier,
                        ours.stream().map(c -> c.eventId() + "=" + c.answered()).toList())
                        .anyMatch(c -> c.eventId().equals(earlier) && c.answered() < 300);
            }
        }
        assertThat(log.json().get(0).path("attempts").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeliveryThatKeepsFailingBecomesDeadBlocksTheOrdersLaterEventsAndIsSentAgainOnRedelivery() throws Exception {
        String secret = newSecret();
        // The receiver verifies with the wrong secret: every signature check fails (401) until corrected.
        WebhookReceiver receiver = receiver(newSecret(), 0);
        String webhookId = subscribe(OPS, receiver.url(), secret, STATUS_EVENTS);

        String sku = api.newProductIn("us-east", 10);
        String orderId = api.place(orderOf(newCustomer(), sku));

        JsonNode dead = await("the first event DEAD").atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveriesOf(webhookId, "DEAD", orderId), list -> !list.isEmpty()).get(0);
        assertThat(dead.path("type").asText()).isEqualTo("order.status_changed");
        assertThat(dead.path("attempts").asInt()).isEqualTo(5);
        assertThat(dead.path("lastResponseStatus").asInt()).isEqualTo(401);
        assertThat(receiver.calls()).isNotEmpty().noneMatch(WebhookReceiver.Call::signatureValid)
                .anyMatch(c -> c.eventId().equals(dead.path("eventId").asText()));
        // The signature is right for the subscription's secret, only the receiver's secret was wrong.
        WebhookReceiver.Call refused = receiver.calls().get(0);
        assertThat(Signatures.verify(secret, refused.signature(), refused.rawBody())).isTrue();
        api.awaitStatus(orderId, "CONFIRMED");
        JsonNode blocked = await("CONFIRMED queued behind the dead RECEIVED").atMost(PROCESS_TIMEOUT)
                .until(() -> deliveriesOf(webhookId, "PENDING", orderId), list -> !list.isEmpty()).get(0);
        Thread.sleep(1000);
        assertThat(deliveriesOf(webhookId, "PENDING", orderId).get(0).path("attempts").asInt())
                .as("a later event of the order is not sent while an earlier one is dead").isZero();
        assertThat(blocked.path("attempts").asInt()).isZero();

        Response byWeb = api.post(WEB, "/api/v1/webhooks/" + webhookId + "/deliveries/" + dead.path("id").asText() + "/redelivery", null);
        assertProblem(byWeb, 404);
        receiver.secret = secret;
        Response redelivery = api.post(OPS, "/api/v1/webhooks/" + webhookId + "/deliveries/" + dead.path("id").asText() + "/redelivery", null);
        assertThat(redelivery.status()).as(redelivery.toString()).isEqualTo(202);

        await("RECEIVED and CONFIRMED at the receiver").atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> statuses(receiver.eventsOf(orderId)).contains("CONFIRMED"));
        assertThat(statuses(receiver.eventsOf(orderId))).startsWith("RECEIVED").containsSubsequence("RECEIVED", "CONFIRMED");
        assertThat(receiver.eventsOf(orderId).get(0).path("id").asText()).isEqualTo(dead.path("eventId").asText());
        Response again = api.post(OPS, "/api/v1/webhooks/" + webhookId + "/deliveries/" + dead.path("id").asText() + "/redelivery", null);
        assertProblem(again, 409);
        Response unknown = api.post(OPS, "/api/v1/webhooks/" + webhookId + "/deliveries/dlv_nope/redelivery", null);
        assertProblem(unknown, 404);
    }

    @Test
    void theFeedPagesWithAfterAndEachChannelSeesItsOwnEvents() {
        String head = head(OPS);
        String sku = api.newProductIn("us-east", 10);
        String orderId = api.place(orderOf(newCustomer(), sku));
        api.awaitOrder(orderId, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1 && !o.path("shipments").get(0).path("trackingNumber").isNull());

        List<JsonNode> ofOrder = new ArrayList<>();
        String[] cursor = {head};
        await("the order's events in the feed").atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response page = api.get(OPS, "/api/v1/events?after=" + cursor[0] + "&limit=2");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode items = page.json().path("items");
            assertThat(items.size()).isLessThanOrEqualTo(2);
            if (!items.isEmpty()) {
                assertThat(page.json().path("next").asText()).isEqualTo(items.get(items.size() - 1).path("cursor").asText());
                assertThat(Long.parseLong(page.json().path("next").asText())).isGreaterThan(Long.parseLong(cursor[0]));
            } else {
                assertThat(page.json().path("next").asText()).isEqualTo(cursor[0]);
            }
            items.forEach(e -> { if (orderId.equals(e.path("orderId").asText())) ofOrder.add(e); });
            cursor[0] = page.json().path("next").asText();
            return types(ofOrder).containsAll(List.of("payment.authorized", "shipment.label_created"))
                    && statuses(ofOrder).contains("CONFIRMED");
        });

        assertThat(ofOrder.get(0).path("type").asText()).isEqualTo("order.status_changed");
        assertThat(ofOrder.get(0).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(ofOrder).allMatch(e -> e.path("channel").asText().equals("web") && e.path("id").asText().startsWith("evt_")
                && !e.path("occurredAt").asText().isBlank());
        assertThat(feed(WEB, head, 500)).extracting(e -> e.path("id").asText())
                .containsAll(ofOrder.stream().map(e -> e.path("id").asText()).toList());
        assertThat(feed(WEB, head, 500)).allMatch(e -> e.path("channel").asText().equals("web"));
        assertThat(feed(MARKETPLACE, head, 500)).noneMatch(e -> orderId.equals(e.path("orderId").asText()));
    }

    @Test
    void aStorefrontSeesAndManagesOnlyItsOwnChannelsWebhooks() throws Exception {
        WebhookReceiver receiver = receiver(newSecret(), 0);
        String webHook = subscribe(WEB, receiver.url(), newSecret(), STATUS_EVENTS);

        assertThat(ids(api.get(WEB, "/api/v1/webhooks"))).contains(webHook);
        assertThat(ids(api.get(OPS, "/api/v1/webhooks"))).contains(webHook);
        assertThat(ids(api.get(MARKETPLACE, "/api/v1/webhooks"))).doesNotContain(webHook);
        assertProblem(api.get(MARKETPLACE, "/api/v1/webhooks/" + webHook), 404);
        assertProblem(api.get(MARKETPLACE, "/api/v1/webhooks/" + webHook + "/deliveries"), 404);
        assertProblem(api.call(HttpMethod.DELETE, "/api/v1/webhooks/" + webHook, ApiSupport.bearer(MARKETPLACE), null), 404);
        assertThat(api.get(WEB, "/api/v1/webhooks/" + webHook).json().path("events").get(0).asText())
                .isEqualTo("order.status_changed");

        Response deleted = api.call(HttpMethod.DELETE, "/api/v1/webhooks/" + webHook, ApiSupport.bearer(WEB), null);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(ids(api.get(WEB, "/api/v1/webhooks"))).doesNotContain(webHook);
        assertProblem(api.get(WEB, "/api/v1/webhooks/" + webHook), 404);
        assertProblem(api.call(HttpMethod.DELETE, "/api/v1/webhooks/" + webHook, ApiSupport.bearer(WEB), null), 404);
        // Placed after unsubscribing: nothing arrives.
        String orderId = api.place(orderOf(newCustomer(), api.newProductIn("us-east", 5)));
        api.awaitStatus(orderId, "CONFIRMED");
        Thread.sleep(500);
        assertThat(receiver.eventsOf(orderId)).isEmpty();
    }

    @Test
    void invalidSubscriptionsAndFeedParametersAre400AndTheWrongKeysAre401Or403() {
        String secret = newSecret();
        assertFields(api.post(WEB, "/api/v1/webhooks", Map.of("url", "ftp://example.com/x", "secret", secret,
                "events", STATUS_EVENTS)), "url");
        assertFields(api.post(WEB, "/api/v1/webhooks", Map.of("secret", secret, "events", STATUS_EVENTS)), "url");
        assertFields(api.post(WEB, "/api/v1/webhooks", Map.of("url", "https://example.com/x", "secret", "short",
                "events", STATUS_EVENTS)), "secret");
        assertFields(api.post(WEB, "/api/v1/webhooks", Map.of("url", "https://example.com/x", "secret", "x".repeat(201),
                "events", STATUS_EVENTS)), "secret");
        assertFields(api.post(WEB, "/api/v1/webhooks", Map.of("url", "https://example.com/x", "secret", secret,
                "events", List.of("order.exploded"))), "events");
        assertFields(api.post(WEB, "/api/v1/webhooks", Map.of("url", "https://example.com/x", "secret", secret,
                "events", List.of())), "events");
        assertFields(api.post(WEB, "/api/v1/webhooks", Map.of("url", "nope")), "url", "secret", "events");
        assertFields(api.post(WEB, "/api/v1/webhooks", "{\"url\": "), "body");

        assertFields(api.get(WEB, "/api/v1/events?limit=0"), "limit");
        assertFields(api.get(WEB, "/api/v1/events?limit=501"), "limit");
        assertFields(api.get(WEB, "/api/v1/events?limit=ten"), "limit");
        assertFields(api.get(WEB, "/api/v1/events?after=abc"), "after");
        assertThat(api.get(WEB, "/api/v1/events?limit=500").status()).isEqualTo(200);

        assertProblem(api.get(null, "/api/v1/webhooks"), 401);
        assertProblem(api.get("no-such-key", "/api/v1/events"), 401);
        assertProblem(api.get(CARRIER, "/api/v1/webhooks"), 403);
        assertProblem(api.get(CARRIER, "/api/v1/events"), 403);
        assertProblem(api.post(CARRIER, "/api/v1/webhooks", Map.of("url", "https://example.com/x", "secret", secret,
                "events", STATUS_EVENTS)), 403);
        assertProblem(api.call(HttpMethod.DELETE, "/api/v1/webhooks/wh_unknown", ApiSupport.bearer(OPS), null), 404);
        assertProblem(api.get(OPS, "/api/v1/webhooks/wh_unknown/deliveries"), 404);
    }

    @Test
    void theSignatureCoversTheTimestampAndTheRawBodyAndFailsWithAnotherSecret() throws Exception {
        String secret = newSecret();
        WebhookReceiver receiver = receiver(secret, 0);
        subscribe(WEB, receiver.url(), secret, STATUS_EVENTS);
        String orderId = api.place(orderOf(newCustomer(), api.newProductIn("us-east", 5)));

        await("an event at the receiver").atMost(PROCESS_TIMEOUT).until(() -> !receiver.eventsOf(orderId).isEmpty());

        WebhookReceiver.Call call = receiver.calls().stream()
                .filter(c -> orderId.equals(c.body().path("order").path("id").asText())).findFirst().orElseThrow();
        assertThat(call.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(call.signature().substring(2, call.signature().indexOf(',')));
        assertThat(t).isBetween(java.time.Instant.now().getEpochSecond() - 120, java.time.Instant.now().getEpochSecond() + 5);
        assertThat(Signatures.verify(secret, call.signature(), call.rawBody())).isTrue();
        assertThat(Signatures.verify(newSecret(), call.signature(), call.rawBody())).isFalse();
        assertThat(Signatures.verify(secret, call.signature(), call.rawBody().replace(orderId, "ord-forged"))).isFalse();
        assertThat(call.body().path("id").asText()).isEqualTo(call.eventId());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    WebhookReceiver receiver(String secret, int failFirst) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(secret, failFirst);
        receivers.add(receiver);
        return receiver;
    }

    String subscribe(String apiKey, String url, String secret, List<String> events) {
        Response created = api.post(apiKey, "/api/v1/webhooks", Map.of("url", url, "secret", secret, "events", events));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        subscriptions.add(id);
        return id;
    }

    List<JsonNode> deliveriesOf(String webhookId, String status, String orderId) {
        Response list = api.get(OPS, "/api/v1/webhooks/" + webhookId + "/deliveries?limit=500&status=" + status);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().spliterator(), false)
                .filter(d -> orderId.equals(d.path("orderId").asText())).toList();
    }

    /** The feed's current end: the cursor after every event published so far. */
    String head(String apiKey) {
        String cursor = "0";
        while (true) {
            Response page = api.get(apiKey, "/api/v1/events?limit=500&after=" + cursor);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            if (page.json().path("items").isEmpty()) return page.json().path("next").asText();
            cursor = page.json().path("next").asText();
        }
    }

    List<JsonNode> feed(String apiKey, String after, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = after;
        while (true) {
            Response page = api.get(apiKey, "/api/v1/events?limit=" + limit + "&after=" + cursor);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            if (page.json().path("items").isEmpty()) return all;
            page.json().path("items").forEach(all::add);
            cursor = page.json().path("next").asText();
        }
    }

    static List<String> ids(Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().spliterator(), false).map(w -> w.path("id").asText()).toList();
    }

    static List<String> statuses(List<JsonNode> events) {
        return events.stream().filter(e -> "order.status_changed".equals(e.path("type").asText()))
                .map(e -> e.path("status").asText()).toList();
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    static void assertFields(Response response, String... fields) {
        assertProblem(response, 400);
        assertThat(response.errorFields()).as(response.toString()).containsExactlyInAnyOrder(fields);
    }

    static String newSecret() {
        return "whsec_" + UUID.randomUUID().toString().replace("-", "");
    }
}
