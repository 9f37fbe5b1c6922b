package dev.ordo.api;

import static dev.ordo.api.ApiSupport.PROCESS_TIMEOUT;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.newKey;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Many orders racing for a little stock: never oversold, the rest wait as backorders and resume on restock. */
class StockConcurrencyApiTest extends ApiTestBase {
    private static final int ORDERS = 50;
    private static final int STOCK = 10;

    @Test
    void fiftyOrdersForTenUnitsConfirmTenBackorderFortyNeverOversellAndResumeOnRestock() throws Exception {
        String sku = api.newProductIn("us-east", STOCK); // no stock row in any other warehouse
        String customer = newCustomer();
        ObjectNode oneUnit = with(orderOf(customer, sku), "lines[0].quantity", 1);

        List<Response> placed = placeInParallel(api, oneUnit);

        assertThat(placed).as("responses: %s", placed).extracting(Response::status).containsOnly(201);
        Map<String, Long> settled = await("all " + ORDERS + " orders leave RECEIVED").atMost(PROCESS_TIMEOUT.multipliedBy(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> statusCounts(api, customer), counts -> !counts.containsKey("RECEIVED")
                        && counts.values().stream().mapToLong(Long::longValue).sum() == ORDERS);
        assertThat(settled).containsOnly(Map.entry("CONFIRMED", 10L), Map.entry("BACKORDERED", 40L));
        JsonNode stock = api.stock("us-east", sku);
        assertThat(stock.path("onHand").asInt()).isEqualTo(10);
        assertThat(stock.path("reserved").asInt()).isEqualTo(10);
        assertThat(stock.path("available").asInt()).isZero();
        assertThat(api.get(WEB, "/api/v1/inventory/" + sku).status()).isEqualTo(403);
        assertThat(api.get(ApiSupport.OPS, "/api/v1/inventory/" + sku).json()).hasSize(1);

        api.setStock("us-east", sku, 15);

        Map<String, Long> resumed = await("5 backorders resume after restock").atMost(PROCESS_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> statusCounts(api, customer), counts -> counts.getOrDefault("CONFIRMED", 0L) >= 15
                        && api.stock("us-east", sku).path("reserved").asInt() == 15);
        // give any straggling reservation attempt the chance to oversell before checking it did not
        Thread.sleep(1000);
        assertThat(statusCounts(api, customer)).isEqualTo(resumed)
                .containsOnly(Map.entry("CONFIRMED", 15L), Map.entry("BACKORDERED", 35L));
        JsonNode restocked = api.stock("us-east", sku);
        assertThat(restocked.path("onHand").asInt()).isEqualTo(15);
        assertThat(restocked.path("reserved").asInt()).isEqualTo(15);
        assertThat(restocked.path("available").asInt()).isZero();
    }

    private static List<Response> placeInParallel(ApiSupport api, ObjectNode order) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(ORDERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    // as a storefront does: a placement refused at capacity (503, admission control counts
                    // the due jobs of every test before this one too) is sent again, same key, after Retry-After
                    String key = newKey();
                    Response response = api.placeOrder(WEB, key, order);
                    for (int resent = 0; response.status() == 503 && resent < 5; resent++) {
                        Thread.sleep(1000L * Long.parseLong(response.headers().getFirst("Retry-After")));
                        response = api.placeOrder(WEB, key, order);
                    }
                    return response;
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) responses.add(f.get());
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Map<String, Long> statusCounts(ApiSupport api, String customer) {
        JsonNode page = api.ordersOf(customer);
        return StreamSupport.stream(page.path("items").spliterator(), false)
                .map(o -> o.path("status").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
