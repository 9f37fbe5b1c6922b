package dev.ordo.api;

import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Moving in-flight orders to a new diagram version through {@code POST
 * /api/v1/admin/order-types/{type}/migrations} (role ops): a dry run that lists what cannot be
 * mapped and changes nothing, a refused real run, a real run as a Camunda batch that the job
 * executor carries out, and the migrated orders finishing on the new version. Each test has its own
 * order type, so the versions are its own.
 */
class MigrationApiTest extends ApiTestBase {
    private static final String WAIT = "Task_ApproveDispatch";
    /** Batch jobs run on the job executor; the batch monitor notices the end on its poll (30 s by default). */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> DEPLOYMENTS = new ArrayList<>();
    private static ApiSupport cleanup;

    @BeforeEach
    void setUp() {
        cleanup = api;
    }

    @AfterAll
    static void undeploy() {
        DEPLOYMENTS.forEach(id -> cleanup.undeploy(id));
        DEPLOYMENTS.clear();
    }

    @Test
    void aDryRunListsWhereOrdersWaitThatTheTargetLacksARealRunRefusesItAndACompatibleTargetMigratesAsABatch() {
        String type = Diagrams.uniqueType("mig");
        deploy(type, WAIT, "Dispatched");                               // version 1
        String sku = api.newProductIn("us-east", 10);
        List<String> orders = List.of(api.place(orderOf(type, sku)), api.place(orderOf(type, sku)));
        orders.forEach(id -> awaitTask(id, WAIT));
        deploy(type, "Task_ReleaseDispatch", "Dispatched");            // version 2: the waiting task was renamed

        Response dryRun = api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 2));

        assertThat(dryRun.status()).as(dryRun.toString()).isEqualTo(200);
        JsonNode report = dryRun.json();
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("processDefinitionKey").asText()).isEqualTo("order-" + type);
        assertThat(report.path("fromVersion").asInt()).isEqualTo(1);
        assertThat(report.path("toVersion").asInt()).isEqualTo(2);
        assertThat(report.path("instances").asLong()).isEqualTo(2);
        assertThat(strings(report.path("mappedActivities"))).contains("Task_AuthorizePayment").doesNotContain(WAIT);
        assertThat(report.path("unmappedActivities")).hasSize(1);
        assertThat(report.path("unmappedActivities").get(0).path("activityId").asText()).isEqualTo(WAIT);
        assertThat(report.path("unmappedActivities").get(0).path("waitingInstances").asLong()).isEqualTo(2);
        assertThat(report.path("batchId").isNull() || report.path("batchId").isMissingNode()).isTrue();
        Response explicitDryRun = api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 2, "dryRun", true));
        assertThat(explicitDryRun.status()).isEqualTo(200);
        assertThat(explicitDryRun.json().path("unmappedActivities")).isEqualTo(report.path("unmappedActivities"));
        assertUnchanged(orders);

        Response refused = api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 2, "dryRun", false));

        assertProblem(refused, 409);
        assertThat(refused.json().path("detail").asText()).contains(WAIT);
        assertUnchanged(orders);

        deploy(type, WAIT, "Dispatched on version 3");                 // version 3: the same ids as version 1
        Response compatible = api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 3));
        assertThat(compatible.status()).as(compatible.toString()).isEqualTo(200);
        assertThat(compatible.json().path("unmappedActivities")).isEmpty();
        assertThat(strings(compatible.json().path("mappedActivities"))).contains(WAIT, "Task_AuthorizePayment");

        Response started = api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 3, "dryRun", false));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String batchId = started.json().path("batchId").asText();
        assertThat(batchId).isNotBlank();
        assertThat(started.json().path("dryRun").asBoolean()).isFalse();
        assertThat(started.json().path("instances").asLong()).isEqualTo(2);
        Set<String> seen = new LinkedHashSet<>();
        JsonNode batch = await("migration batch " + batchId + " COMPLETED").atMost(BATCH_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Response progress = api.get(OPS, "/api/v1/admin/migrations/" + batchId);
                    assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
                    seen.add(progress.json().path("status").asText());
                    return progress.json();
                }, b -> "COMPLETED".equals(b.path("status").asText()));
        assertThat(batch.path("batchId").asText()).isEqualTo(batchId);
        assertThat(batch.path("total").asLong()).isPositive();
        assertThat(batch.path("completed").asLong()).isEqualTo(batch.path("total").asLong());
        assertThat(batch.path("failed").asLong()).isZero();
        assertThat(seen).as("statuses reported").isSubsetOf("RUNNING", "COMPLETED");

        for (String id : orders) {
            JsonNode migrated = api.order(id);
            assertThat(migrated.path("process").path("definitionKey").asText()).isEqualTo("order-" + type);
            assertThat(migrated.path("process").path("version").asInt()).as("version of %s after the migration", id).isEqualTo(3);
            assertThat(migrated.path("status").asText()).isEqualTo("CONFIRMED");
            complete(awaitTask(id, WAIT));
            JsonNode done = api.awaitStatus(id, "DELIVERED");
            assertThat(done.path("process").path("version").asInt()).as("version of %s once delivered", id).isEqualTo(3);
            assertThat(StreamSupport.stream(api.timeline(id).spliterator(), false)
                    .filter(e -> "DELIVERED".equals(e.path("status").asText()))
                    .map(e -> e.path("detail").asText())).containsExactly("Dispatched on version 3");
        }
        Response nothingLeft = api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 3, "dryRun", false));
        assertThat(nothingLeft.status()).as(nothingLeft.toString()).isEqualTo(200);
        assertThat(nothingLeft.json().path("instances").asLong()).isZero();
        assertThat(nothingLeft.json().path("status").asText()).isEqualTo("NOTHING_TO_MIGRATE");
    }

    @Test
    void unknownVersionsAre422SameVersionsAre400AndOnlyOpsMayMigrate() {
        String type = Diagrams.uniqueType("mig");
        deploy(type, WAIT, "Dispatched");
        deploy(type, "Task_ReleaseDispatch", "Dispatched");

        Response unknownFrom = api.post(OPS, migrations(type), Map.of("fromVersion", 7, "toVersion", 2));
        Response unknownTo = api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 9));
        Response unknownType = api.post(OPS, migrations(Diagrams.uniqueType("nosuch")), Map.of("fromVersion", 1, "toVersion", 2));
        Response same = api.post(OPS, migrations(type), Map.of("fromVersion", 2, "toVersion", 2));
        Response missing = api.post(OPS, migrations(type), Map.of("toVersion", 2));
        Response storefront = api.post(WEB, migrations(type), Map.of("fromVersion", 1, "toVersion", 2));
        Response carrier = api.post(ApiSupport.CARRIER, migrations(type), Map.of("fromVersion", 1, "toVersion", 2));
        Response anonymous = api.post(null, migrations(type), Map.of("fromVersion", 1, "toVersion", 2));
        Response storefrontBatch = api.get(WEB, "/api/v1/admin/migrations/some-batch");
        Response unknownBatch = api.get(OPS, "/api/v1/admin/migrations/no-such-batch");

        assertProblem(unknownFrom, 422);
        assertThat(unknownFrom.errorFields()).containsExactly("fromVersion");
        assertProblem(unknownTo, 422);
        assertThat(unknownTo.errorFields()).containsExactly("toVersion");
        assertProblem(unknownType, 422);
        assertProblem(same, 400);
        assertThat(same.errorFields()).containsExactly("toVersion");
        assertProblem(missing, 400);
        assertThat(missing.errorFields()).containsExactly("fromVersion");
        assertProblem(storefront, 403);
        assertProblem(carrier, 403);
        assertProblem(anonymous, 401);
        assertProblem(storefrontBatch, 403);
        assertProblem(unknownBatch, 404);
        assertThat(api.post(OPS, migrations(type), Map.of("fromVersion", 1, "toVersion", 2)).status()).isEqualTo(200);
    }

    private static String migrations(String type) {
        return "/api/v1/admin/order-types/" + type + "/migrations";
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode orderOf(String type, String sku) {
        return with(ApiSupport.orderOf(newCustomer(), sku), "orderType", type);
    }

    /** The orders are still on version 1, waiting in {@link #WAIT}. */
    private void assertUnchanged(List<String> orders) {
        for (String id : orders) {
            assertThat(api.order(id).path("process").path("version").asInt()).as("version of %s", id).isEqualTo(1);
            assertThat(awaitTask(id, WAIT)).isNotBlank();
        }
    }

    /** Waits until the order's process waits in the user task {@code taskKey}; returns the task id. */
    private String awaitTask(String orderId, String taskKey) {
        return await("task " + taskKey + " of order " + orderId).atMost(ApiSupport.PROCESS_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response tasks = api.engine(HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + orderId, null);
                    assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
                    for (JsonNode task : tasks.json()) {
                        if (taskKey.equals(task.path("taskDefinitionKey").asText())) return task.path("id").asText();
                    }
                    return null;
                }, id -> id != null);
    }

    private void complete(String taskId) {
        Response completed = api.engine(HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", "{}");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
    }

    private void deploy(String type, String waitTaskId, String deliveredName) {
        DEPLOYMENTS.add(api.deployed("migration-test-" + type,
                Map.of("order-" + type + ".bpmn", Diagrams.xml(diagram("order-" + type, waitTaskId, deliveredName)))));
    }

    /**
     * Received, payment authorized (the existing delegate), confirmed, then waiting in a user task
     * until an operator approves the dispatch; the end event makes the order DELIVERED.
     */
    private static BpmnModelInstance diagram(String key, String waitTaskId, String deliveredName) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("Migration test order")
                .camundaHistoryTimeToLiveString("P180D")
                .startEvent("Event_OrderReceived").name("Order received")
                .serviceTask("Task_AuthorizePayment").name("Authorize payment").camundaAsyncBefore()
                .camundaDelegateExpression("${authorizePaymentDelegate}")
                .intermediateThrowEvent("Event_OrderConfirmed").name("Order confirmed")
                .userTask(waitTaskId).name("Approve dispatch")
                .endEvent("Event_OrderDelivered").name(deliveredName)
                .done();
        Diagrams.properties(model, key, "displayName", "Migration test", "paymentMethods", "card");
        Diagrams.properties(model, "Event_OrderReceived", "orderStatus", "RECEIVED");
        Diagrams.properties(model, "Event_OrderConfirmed", "orderStatus", "CONFIRMED");
        Diagrams.properties(model, "Event_OrderDelivered", "orderStatus", "DELIVERED");
        return model;
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
