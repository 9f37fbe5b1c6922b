package dev.ordo.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pieces of webhook delivery that need no database: URL guard, signatures, event names, backoff. */
class WebhookGuardsTest {
    private final UrlGuard strict = new UrlGuard(false);
    private final UrlGuard demo = new UrlGuard(true);

    @Test
    void loopbackPrivateAndLinkLocalSubscribersAreRefusedUnlessAllowed() {
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "http://localhost/hook", "https://10.1.2.3/x",
                "http://192.168.0.10/x", "http://172.16.5.5/x", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/x", "http://0.0.0.0/x", "http://[fd00::1]/x", "http://100.64.0.1/x"}) {
            assertThat(strict.problem(url)).as(url).isNotNull().contains("address");
            assertThat(demo.problem(url)).as(url).isNull();
        }
        assertThat(strict.problem("https://93.184.215.14/hook")).isNull();
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAreAccepted() {
        assertThat(demo.problem(null)).isEqualTo("is required");
        assertThat(demo.problem("ftp://example.com/x")).contains("http");
        assertThat(demo.problem("example.com/hook")).contains("http");
        assertThat(demo.problem("http:///nohost")).isNotNull();
        assertThat(demo.problem("http://user:pw@example.com/x")).contains("credentials");
        assertThat(demo.problem("https://example.com/" + "x".repeat(2000))).contains("2000");
        assertThat(demo.problem("https://example.com/hook?a=1")).isNull();
    }

    @Test
    void aSignatureVerifiesWithTheSecretAndNotWithAnotherSecretOrAnotherBody() {
        String body = "{\"id\":\"evt_1\",\"type\":\"order.status_changed\"}";
        String header = Signatures.header("s3cret-s3cret-s3cret", 1_700_000_000L, body);

        assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
        assertThat(Signatures.verify("s3cret-s3cret-s3cret", header, body)).isTrue();
        assertThat(Signatures.verify("wrong-secret-wrong-secret", header, body)).isFalse();
        assertThat(Signatures.verify("s3cret-s3cret-s3cret", header, body + " ")).isFalse();
        assertThat(Signatures.verify("s3cret-s3cret-s3cret", header.replace("t=1700000000", "t=1700000001"), body)).isFalse();
        assertThat(Signatures.verify("s3cret-s3cret-s3cret", null, body)).isFalse();
        // A known vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        assertThat(Signatures.hmac("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void timelineEntriesMapToTheContractsEventNames() {
        assertThat(EventTypes.of("ORDER_PLACED")).isEqualTo("order.status_changed");
        assertThat(EventTypes.of("STATUS_CHANGED")).isEqualTo("order.status_changed");
        assertThat(EventTypes.of("LABEL_CREATED")).isEqualTo("shipment.label_created");
        assertThat(EventTypes.of("SHIPMENT_IN_TRANSIT")).isEqualTo("shipment.in_transit");
        assertThat(EventTypes.of("SHIPMENT_DELIVERED")).isEqualTo("shipment.delivered");
        assertThat(EventTypes.of("PAYMENT_CAPTURED")).isEqualTo("payment.captured");
        assertThat(EventTypes.of("PAYMENT_REFUNDED")).isEqualTo("payment.refunded");
        assertThat(EventTypes.of("STOCK_RESERVED")).isNull();
        assertThat(EventTypes.of("PAYMENT_SOMETHING_NEW")).isNull();
        assertThat(EventTypes.of(null)).isNull();
    }

    @Test
    void retriesBackOffExponentiallyUpToTheCap() {
        var properties = new WebhookProperties(false, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10),
                10, Duration.ofSeconds(10), 50);

        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffAfter(60)).isEqualTo(Duration.ofSeconds(10));
    }
}
