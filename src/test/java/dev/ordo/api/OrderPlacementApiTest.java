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
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/orders}: the created order, idempotent replays and racing duplicates. */
class OrderPlacementApiTest extends ApiTestBase {
    ExecutorService threads;

    @BeforeEach
    void setUp() {
        threads = Executors.newFixedThreadPool(10);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void placingAnOrderReturns201WithLocationAndTheOrderAsTheContractDescribesIt() {
        String lamp = api.newProductIn("us-east", 100);
        String mug = api.newProductIn("us-east", 100);
        String customer = newCustomer();
        ObjectNode body = orderOf(customer, lamp, mug);
        with(body, "lines[1].quantity", 3);
        with(body, "lines[1].unitPrice", "5.50");
        Instant before = Instant.now().minusSeconds(5);

        Response placed = api.placeOrder(WEB, newKey(), body);

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json();
        String id = order.path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(placed.headers().getLocation()).hasToString("/api/v1/orders/" + id);
        assertThat(order.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(order.path("orderType").asText()).isEqualTo("standard");
        assertThat(order.path("channel").asText()).isEqualTo("web");
        assertThat(order.path("process").path("definitionKey").asText()).isEqualTo("order-standard");
        assertThat(order.path("process").path("version").isInt()).as("process.version is a number").isTrue();
        assertThat(order.path("process").path("version").asInt()).isPositive();
        assertThat(order.path("customer").path("id").asText()).isEqualTo(customer);
        assertThat(order.path("customer").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(order.path("customer").path("tier").asText()).isEqualTo("regular");
        assertThat(order.path("currency").asText()).isEqualTo("USD");
        assertThat(order.path("total").isTextual()).as("money is a decimal string").isTrue();
        assertThat(order.path("total").asText()).isEqualTo("56.48"); // 2 x 19.99 + 3 x 5.50
        assertThat(order.path("payment").path("status").asText()).isEqualTo("PENDING");
        assertThat(order.path("payment").path("authorized").asText()).isEqualTo("0.00");
        assertThat(order.path("payment").path("captured").asText()).isEqualTo("0.00");
        assertThat(order.path("payment").path("refunded").asText()).isEqualTo("0.00");
        assertThat(order.path("shippingAddress").path("country").asText()).isEqualTo("US");
        assertThat(order.path("shippingAddress").path("city").asText()).isEqualTo("Newark");
        assertThat(order.path("shipments").isArray()).isTrue();
        JsonNode lines = order.path("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("lineId").asText()).isNotBlank();
        assertThat(lines.get(0).path("sku").asText()).isEqualTo(lamp);
        assertThat(lines.get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(lines.get(0).path("unitPrice").asText()).isEqualTo("19.99");
        assertThat(lines.get(0).path("status").asText()).isNotBlank();
        assertThat(lines.get(1).path("sku").asText()).isEqualTo(mug);
        assertThat(lines.get(1).path("quantity").asInt()).isEqualTo(3);
        assertThat(lines.get(1).path("unitPrice").asText()).isEqualTo("5.50");
        assertThat(Instant.parse(order.path("createdAt").asText())).isAfter(before);
        assertThat(Instant.parse(order.path("updatedAt").asText())).isAfter(before);

        Response read = api.get(WEB, "/api/v1/orders/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("id").asText()).isEqualTo(id);
    }

    @Test
    void orderTypeAndShippingMethodAndTierDefaultWhenLeftOut() {
        String sku = api.newProductIn("us-east", 10);
        ObjectNode body = orderOf(newCustomer(), sku);
        body.remove("orderType");
        body.remove("shippingMethod");
        ((ObjectNode) body.path("customer")).remove("tier");

        Response placed = api.placeOrder(WEB, newKey(), body);

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().path("orderType").asText()).isEqualTo("standard");
        assertThat(placed.json().path("shippingMethod").asText()).isEqualTo("standard");
        assertThat(placed.json().path("customer").path("tier").asText()).isEqualTo("regular");
    }

    @Test
    void sameIdempotencyKeyWithSameBodyReplaysWith200AndTheSameOrderWithoutASecondOrder() {
        String sku = api.newProductIn("us-east", 10);
        String customer = newCustomer();
        String key = newKey();
        ObjectNode body = orderOf(customer, sku);

        Response first = api.placeOrder(WEB, key, body);
        Response again = api.placeOrder(WEB, key, body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(api.ordersOf(customer).path("total").asLong()).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyWithDifferentBodyIsRefusedWith422() {
        String sku = api.newProductIn("us-east", 10);
        String customer = newCustomer();
        String key = newKey();
        Response first = api.placeOrder(WEB, key, orderOf(customer, sku));

        Response other = api.placeOrder(WEB, key, with(orderOf(customer, sku), "lines[0].quantity", 5));

        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.json().path("status").asInt()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).isNotBlank();
        assertThat(other.json().path("title").asText()).isNotBlank();
        assertThat(other.json().path("detail").asText()).contains("Idempotency-Key");
        assertThat(other.errorFields()).containsExactly("Idempotency-Key");
        assertThat(api.ordersOf(customer).path("total").asLong()).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyOnAnotherChannelIsAnotherOrder() {
        String sku = api.newProductIn("us-east", 10);
        String customer = newCustomer();
        String key = newKey();

        Response web = api.placeOrder(WEB, key, orderOf(customer, sku));
        Response marketplace = api.placeOrder(MARKETPLACE, key, orderOf(customer, sku));

        assertThat(web.status()).isEqualTo(201);
        assertThat(marketplace.status()).as(marketplace.toString()).isEqualTo(201);
        assertThat(marketplace.json().path("id").asText()).isNotEqualTo(web.json().path("id").asText());
        assertThat(marketplace.json().path("channel").asText()).isEqualTo("marketplace");
    }

    @Test
    void racingDuplicatesWithTheSameKeyCreateExactlyOneOrderAndTheOthersReplayIt() throws Exception {
        String sku = api.newProductIn("us-east", 100);
        String customer = newCustomer();
        String key = newKey();
        ObjectNode body = orderOf(customer, sku);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Callable<Response> post = () -> {
                start.await();
                return api.placeOrder(WEB, key, body);
            };
            results.add(threads.submit(post));
        }

        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> result : results) responses.add(result.get());

        assertThat(responses).as("statuses of 10 racing duplicates: %s", responses)
                .extracting(Response::status).containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.json().path("id").asText()).containsOnly(responses.get(0).json().path("id").asText());
        assertThat(api.ordersOf(customer).path("total").asLong()).isEqualTo(1);
    }

    @Test
    void opsKeyMayReadOrdersButMayNotPlaceThem() {
        String sku = api.newProductIn("us-east", 10);
        String customer = newCustomer();

        Response placed = api.placeOrder(OPS, newKey(), orderOf(customer, sku));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(403);
        assertThat(placed.contentType()).startsWith("application/problem+json");
        assertThat(api.ordersOf(customer).path("total").asLong()).isZero();
    }
}
