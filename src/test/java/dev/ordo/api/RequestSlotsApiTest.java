package dev.ordo.api;

import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.newKey;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordo.api.ApiSupport.Response;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Request slots ({@code ordo.requests.max-concurrent}): while every slot is taken, a new order is refused
 * with 503 At capacity at once (after {@code ordo.requests.placement-wait}), not queued behind the work it
 * would add to; a read waits for its turn and is answered. The one slot is held by a stock update blocked on
 * a row lock the test takes with its own connection. H2 only: the lock wait needs H2's LOCK_TIMEOUT raised
 * above the test's, set in this class's own database URL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "ordo.requests.max-concurrent=1",
        "ordo.requests.placement-wait=200ms",
        "spring.datasource.url=jdbc:h2:mem:ordo-slots-${random.uuid};DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000"})
@DirtiesContext
class RequestSlotsApiTest {
    @Autowired DataSource dataSource;
    @Autowired MeterRegistry meters;
    ApiSupport api;

    @LocalServerPort
    void connect(int port) {
        api = new ApiSupport(port);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void whileEverySlotIsBusyANewOrderIsRefusedAtOnceAndAReadWaitsForItsTurn() throws Exception {
        String sku = api.newProductIn("us-east", 100);
        String earlier = api.place(orderOf(newCustomer(), sku));
        CompletableFuture<Response> stockUpdate;
        CompletableFuture<Response> read;
        ObjectNode refusedOrder = orderOf(newCustomer(), sku);
        String refusedKey = newKey();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement update = lock.prepareStatement("UPDATE stock SET on_hand = on_hand WHERE sku = ?")) {
                update.setString(1, sku);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            stockUpdate = CompletableFuture.supplyAsync(() -> api.put(OPS, "/api/v1/inventory/us-east/" + sku,
                    ApiSupport.JSON.createObjectNode().put("onHand", 50)));
            await("the stock update holding the only slot").atMost(Duration.ofSeconds(10))
                    .until(() -> gauge("ordo.requests.active") == 1.0);
            read = CompletableFuture.supplyAsync(() -> api.get(OPS, "/api/v1/orders/" + earlier));
            await("the read waiting for a slot").atMost(Duration.ofSeconds(10))
                    .until(() -> gauge("ordo.requests.waiting") == 1.0);

            long started = System.nanoTime();
            Response refused = api.placeOrder(WEB, refusedKey, refusedOrder);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertProblem(refused, 503);
            assertThat(refused.json().path("title").asText()).isEqualTo("At capacity");
            assertThat(refused.json().path("detail").asText()).contains("request slots", "Idempotency-Key");
            assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("5");
            assertThat(tookMillis).as("the refusal came after the placement wait, not after the blocked request")
                    .isBetween(200L, 10_000L);
            assertThat(read).as("the read still waits for its turn, it is not refused").isNotDone();
            assertThat(stockUpdate).isNotDone();
            lock.rollback();
        }
        assertThat(stockUpdate.get(30, TimeUnit.SECONDS).status()).as("the stock update, once the lock is gone").isEqualTo(200);
        Response answered = read.get(30, TimeUnit.SECONDS);
        assertThat(answered.status()).as("the read, answered in its turn: " + answered).isEqualTo(200);
        assertThat(answered.json().path("id").asText()).isEqualTo(earlier);
        assertThat(meters.get("ordo.orders.refused").tag("reason", "busy").counter().count()).isEqualTo(1.0);

        String refusedCustomer = refusedOrder.path("customer").path("id").asText();
        assertThat(api.ordersOf(refusedCustomer).path("total").asInt()).as("nothing created for the refused order").isZero();
        Response again = api.placeOrder(WEB, refusedKey, refusedOrder);
        assertThat(again.status()).as("the same request once a slot is free: " + again).isEqualTo(201);
        await("every slot free again").atMost(Duration.ofSeconds(5)).until(() -> gauge("ordo.requests.active") == 0.0);
    }
}
