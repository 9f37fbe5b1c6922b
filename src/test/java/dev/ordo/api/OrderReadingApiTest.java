package dev.ordo.api;

import static dev.ordo.api.ApiSupport.MARKETPLACE;
import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.newKey;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Reading orders: one order, pages of orders with filters, channel visibility and the timeline. */
class OrderReadingApiTest extends ApiTestBase {
    @Test
    void readingAnOrderReturnsWhatPlacingItReturned() {
        String sku = api.newProductIn("us-east", 10);
        Response placed = api.placeOrder(WEB, newKey(), orderOf(newCustomer(), sku));
        String id = placed.json().path("id").asText();

        Response read = api.get(WEB, "/api/v1/orders/" + id);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("id").asText()).isEqualTo(id);
        assertThat(read.json().path("customer")).isEqualTo(placed.json().path("customer"));
        assertThat(read.json().path("total").asText()).isEqualTo(placed.json().path("total").asText());
        assertThat(read.json().path("lines").get(0).path("lineId"))
                .isEqualTo(placed.json().path("lines").get(0).path("lineId"));
        assertThat(read.json().path("createdAt").asText()).isEqualTo(placed.json().path("createdAt").asText());
    }

    @Test
    void listingPagesThroughACustomersOrdersNewestFirst() {
        String sku = api.newProductIn("us-east", 100);
        String customer = newCustomer();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(api.place(orderOf(customer, sku)));
        }

        Response first = api.get(WEB, "/api/v1/orders?customerId=" + customer + "&page=0&size=2");
        Response second = api.get(WEB, "/api/v1/orders?customerId=" + customer + "&page=1&size=2");
        Response beyond = api.get(WEB, "/api/v1/orders?customerId=" + customer + "&page=5&size=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("page").asInt()).isZero();
        assertThat(first.json().path("size").asInt()).isEqualTo(2);
        assertThat(first.json().path("total").asLong()).isEqualTo(3);
        assertThat(ids(first)).containsExactly(placed.get(2), placed.get(1));
        assertThat(second.json().path("page").asInt()).isEqualTo(1);
        assertThat(second.json().path("total").asLong()).isEqualTo(3);
        assertThat(ids(second)).containsExactly(placed.get(0));
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().path("items")).isEmpty();
        assertThat(beyond.json().path("total").asLong()).isEqualTo(3);
        List<Instant> created = StreamSupport.stream(first.json().path("items").spliterator(), false)
                .map(o -> Instant.parse(o.path("createdAt").asText())).toList();
        assertThat(created.get(0)).isAfterOrEqualTo(created.get(1));
    }

    @Test
    void listingWithoutParametersDefaultsToPageZeroOfTwenty() {
        Response list = api.get(WEB, "/api/v1/orders");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("page").asInt()).isZero();
        assertThat(list.json().path("size").asInt()).isEqualTo(20);
        assertThat(list.json().path("items").size()).isLessThanOrEqualTo(20);
        assertThat(list.json().path("items")).allSatisfy(o -> assertThat(o.path("channel").asText()).isEqualTo("web"));
    }

    @Test
    void listingFiltersByStatus() {
        String sku = api.newProductIn("us-east", 10);
        String customer = newCustomer();
        String confirmed = api.place(orderOf(customer, sku));
        String rejected = api.place(with(orderOf(customer, sku), "payment.token", "tok_declined"));
        api.awaitStatus(confirmed, "CONFIRMED");
        api.awaitStatus(rejected, "REJECTED");

        Response onlyRejected = api.get(WEB, "/api/v1/orders?customerId=" + customer + "&status=REJECTED");
        Response onlyConfirmed = api.get(WEB, "/api/v1/orders?customerId=" + customer + "&status=CONFIRMED");
        Response none = api.get(WEB, "/api/v1/orders?customerId=" + customer + "&status=DELIVERED");

        assertThat(ids(onlyRejected)).containsExactly(rejected);
        assertThat(onlyRejected.json().path("total").asLong()).isEqualTo(1);
        assertThat(ids(onlyConfirmed)).containsExactly(confirmed);
        assertThat(ids(none)).isEmpty();
        assertThat(none.json().path("total").asLong()).isZero();
    }

    @Test
    void storefrontsListOnlyTheirOwnChannelWhileOpsSeeAll() {
        String sku = api.newProductIn("us-east", 10);
        String customer = newCustomer();
        String web = api.place(orderOf(customer, sku));
        Response onMarketplace = api.placeOrder(MARKETPLACE, newKey(), orderOf(customer, sku));
        assertThat(onMarketplace.status()).isEqualTo(201);
        String marketplace = onMarketplace.json().path("id").asText();

        String query = "/api/v1/orders?customerId=" + customer;
        assertThat(ids(api.get(WEB, query))).containsExactly(web);
        assertThat(api.get(WEB, query).json().path("total").asLong()).isEqualTo(1);
        assertThat(ids(api.get(MARKETPLACE, query))).containsExactly(marketplace);
        assertThat(ids(api.get(OPS, query))).containsExactlyInAnyOrder(web, marketplace);
        assertThat(api.get(OPS, query).json().path("total").asLong()).isEqualTo(2);
        assertThat(api.get(OPS, "/api/v1/orders/" + marketplace).status()).isEqualTo(200);
    }

    @Test
    void theTimelineListsWhatHappenedOldestFirst() {
        String sku = api.newProductIn("us-east", 10);
        String id = api.place(orderOf(newCustomer(), sku));
        api.awaitStatus(id, "CONFIRMED");

        Response read = api.get(WEB, "/api/v1/orders/" + id + "/events");

        assertThat(read.status()).isEqualTo(200);
        JsonNode events = read.json();
        assertThat(events.isArray()).isTrue();
        assertThat(events.get(0).path("type").asText()).isEqualTo("ORDER_PLACED");
        assertThat(events.get(0).path("status").asText()).isEqualTo("RECEIVED");
        assertThat(events).allSatisfy(e -> {
            assertThat(Instant.parse(e.path("at").asText())).isNotNull();
            assertThat(e.path("type").asText()).isNotBlank();
            assertThat(e.path("detail").asText()).isNotBlank();
        });
        List<Instant> at = StreamSupport.stream(events.spliterator(), false)
                .map(e -> Instant.parse(e.path("at").asText())).toList();
        assertThat(at).isSorted();
        List<String> types = StreamSupport.stream(events.spliterator(), false).map(e -> e.path("type").asText()).toList();
        assertThat(types).containsSubsequence("ORDER_PLACED", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "STATUS_CHANGED");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("STATUS_CHANGED");
            assertThat(e.path("status").asText()).isEqualTo("CONFIRMED");
        });
    }

    private static List<String> ids(Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return StreamSupport.stream(page.json().path("items").spliterator(), false).map(o -> o.path("id").asText()).toList();
    }
}
