package dev.ordo.api;

import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.newKey;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.ordo.process.EngineBacklog;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Admission control ({@code ordo.orders.max-due-jobs}): while too many background steps wait, a new
 * order is refused with 503 + Retry-After and nothing is created (an accepted order's retry too, and the
 * order is kept); once the steps ran, the same request is accepted and the retry answered. H2 only (not tagged {@code database}): the limit is
 * counted over the whole database, which the PostgreSQL run shares between test classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", // each accepted order's first step stays due
        "ordo.orders.max-due-jobs=3",
        "ordo.orders.admission-refresh=PT0.05S"})
@DirtiesContext
class AdmissionControlApiTest {
    @Autowired ManagementService management;
    @Autowired EngineBacklog backlog;
    ApiSupport api;

    @LocalServerPort
    void connect(int port) {
        api = new ApiSupport(port);
    }

    @Test
    void newOrdersAreRefusedWith503AndNothingCreatedWhileTooManyStepsWaitThenAcceptedOnceTheyRan() {
        // Steps due before any order: the engine's history cleanup job is due inside its nightly window
        // (01:00-05:00), and admission control counts it like any other step.
        long dueBefore = backlog.dueJobsNotAcquired();
        assertThat(dueBefore).as("steps due before the first order").isLessThan(3);
        String sku = api.newProductIn("us-east", 100);
        record Attempt(String key, ObjectNode body, Response response) {}
        List<Attempt> accepted = new ArrayList<>();
        Attempt refused = await("a placement refused at capacity").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    ObjectNode body = orderOf(newCustomer(), sku);
                    String key = newKey();
                    Attempt attempt = new Attempt(key, body, api.placeOrder(WEB, key, body));
                    if (attempt.response().status() == 201) accepted.add(attempt);
                    return attempt;
                }, attempt -> attempt.response().status() != 201);

        assertThat(accepted.size()).as("orders accepted before the limit of 3 due steps was counted")
                .isGreaterThanOrEqualTo((int) (3 - dueBefore));
        assertProblem(refused.response(), 503);
        assertThat(refused.response().json().path("title").asText()).isEqualTo("At capacity");
        assertThat(refused.response().json().path("detail").asText()).contains("Idempotency-Key");
        assertThat(refused.response().headers().getFirst("Retry-After")).isEqualTo("5");
        String refusedCustomer = refused.body().path("customer").path("id").asText();
        assertThat(api.ordersOf(refusedCustomer).path("total").asInt()).as("nothing created for the refused order").isZero();

        Attempt first = accepted.get(0);
        String firstId = first.response().json().path("id").asText();
        Response replayAtCapacity = api.placeOrder(WEB, first.key(), first.body());
        assertProblem(replayAtCapacity, 503); // refused before the key is looked up: a refusal must stay cheap
        assertThat(api.order(firstId).path("status").asText()).as("the accepted order is kept").isEqualTo("RECEIVED");

        // The job executor catches up: every due step runs (each order then waits for its carrier).
        await("the due steps run").atMost(Duration.ofSeconds(30)).until(() -> {
            management.createJobQuery().executable().list().forEach(job -> management.executeJob(job.getId()));
            return management.createJobQuery().executable().count() == 0;
        });
        Response again = await("the refused request accepted once the steps ran").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.placeOrder(WEB, refused.key(), refused.body()), r -> r.status() != 503);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(api.ordersOf(refusedCustomer).path("total").asInt()).isEqualTo(1);
        Response replay = api.placeOrder(WEB, first.key(), first.body());
        assertThat(replay.status()).as("the accepted order's retry, answered once below capacity: " + replay).isEqualTo(200);
        assertThat(replay.json().path("id").asText()).isEqualTo(firstId);
    }
}
