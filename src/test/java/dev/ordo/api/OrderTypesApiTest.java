package dev.ordo.api;

import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.newKey;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import java.util.ArrayList;
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
 * The order-type registry over HTTP: the shipped types with the metadata analysts keep in the
 * diagrams, and a brand-new diagram deployed from Camunda Modeler while Ordo runs, which is
 * orderable at once and runs on existing delegates, with no Java change and no restart.
 */
class OrderTypesApiTest extends ApiTestBase {
    private static final Set<String> SHARED_PROCESSES = Set.of("screen-order", "fulfil-order", "ship-from-warehouse",
            "ship-white-glove");
    /** Deployments this class made, removed afterwards so the shared PostgreSQL database lists no test types. */
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
    void listsTheShippedOrderTypesWithTheirDiagramMetadataAndNotTheSharedProcesses() {
        JsonNode types = api.orderTypes();

        Map<String, String> names = Map.of("standard", "Standard", "digital", "Digital", "furniture", "Furniture",
                "preorder", "Pre-order");
        for (var expected : names.entrySet()) {
            JsonNode type = find(types, expected.getKey());
            assertThat(type).as("order type %s in %s", expected.getKey(), types).isNotNull();
            assertThat(type.path("name").asText()).isEqualTo(expected.getValue());
            assertThat(type.path("processDefinitionKey").asText()).isEqualTo("order-" + expected.getKey());
            assertThat(type.path("requiresShipping").asBoolean()).as("requiresShipping of %s", type)
                    .isEqualTo(!"digital".equals(expected.getKey()));
            assertThat(type.path("requiresShipping").isBoolean()).isTrue();
            assertThat(strings(type.path("paymentMethods"))).as("paymentMethods of %s", type).containsExactly("card");
            Response latest = api.engine(HttpMethod.GET, "/engine-rest/process-definition/key/order-" + expected.getKey(), null);
            assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
            assertThat(type.path("version").asInt()).as("version of %s", type).isEqualTo(latest.json().path("version").asInt());
        }
        for (JsonNode type : types) {
            String key = type.path("processDefinitionKey").asText();
            assertThat(key).as("every listed type is a diagram order-<type>: %s", type).isEqualTo("order-" + type.path("type").asText());
            assertThat(SHARED_PROCESSES).doesNotContain(key, type.path("type").asText());
        }
        // The shared called processes are deployed, just not orderable.
        for (String shared : SHARED_PROCESSES) {
            assertThat(api.engine(HttpMethod.GET, "/engine-rest/process-definition/key/" + shared, null).status())
                    .as("%s is deployed", shared).isEqualTo(200);
            Response order = api.placeOrder(WEB, newKey(), with(orderOf(newCustomer(), api.newProductIn("us-east", 1)),
                    "orderType", shared));
            assertProblem(order, 422);
            assertThat(order.errorFields()).containsExactly("orderType");
        }
    }

    @Test
    void aDiagramDeployedFromModelerWhileOrdoRunsIsOrderableAtOnceAndRunsOnExistingDelegates() {
        String type = Diagrams.uniqueType("x");
        String key = "order-" + type;
        String sku = api.newProductIn("us-east", 5);
        Response before = api.placeOrder(WEB, newKey(), with(orderOf(newCustomer(), sku), "orderType", type));
        assertProblem(before, 422);
        assertThat(before.errorFields()).containsExactly("orderType");
        assertThat(api.orderType(type)).isNull();

        byte[] diagram = Diagrams.xml(giftBox(key));
        Response deployment = api.deploy("gift-box", true, Map.of(key + ".bpmn", diagram));

        assertThat(deployment.status()).as(deployment.toString()).isEqualTo(200);
        DEPLOYMENTS.add(deployment.json().path("id").asText());
        assertThat(deployment.json().path("source").asText()).isEqualTo("Camunda Modeler");
        assertThat(deployment.json().path("deployedProcessDefinitions").size()).isEqualTo(1);
        JsonNode listed = api.orderType(type);
        assertThat(listed).as("order type %s right after the deployment", type).isNotNull();
        assertThat(listed.path("name").asText()).isEqualTo("Gift box");
        assertThat(listed.path("processDefinitionKey").asText()).isEqualTo(key);
        assertThat(listed.path("version").asInt()).isEqualTo(1);
        assertThat(listed.path("requiresShipping").asBoolean()).isTrue();
        assertThat(strings(listed.path("paymentMethods"))).containsExactly("card", "gift-card");

        Response placed = api.placeOrder(WEB, newKey(), with(orderOf(newCustomer(), sku), "orderType", type));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().path("orderType").asText()).isEqualTo(type);
        assertThat(placed.json().path("process").path("definitionKey").asText()).isEqualTo(key);
        assertThat(placed.json().path("process").path("version").asInt()).isEqualTo(1);
        String id = placed.json().path("id").asText();
        JsonNode confirmed = api.awaitOrder(id, "CONFIRMED by the new diagram's end event", o ->
                "CONFIRMED".equals(o.path("status").asText()));
        assertThat(confirmed.path("payment").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(confirmed.path("payment").path("authorized").asText()).isEqualTo("39.98");
        assertThat(confirmed.path("process").path("definitionKey").asText()).isEqualTo(key);
        assertThat(confirmed.path("process").path("version").asInt()).isEqualTo(1);
        assertThat(StreamSupport.stream(api.timeline(id).spliterator(), false)
                .filter(e -> "STATUS_CHANGED".equals(e.path("type").asText()))
                .map(e -> e.path("status").asText() + ":" + e.path("detail").asText()))
                .containsExactly("CONFIRMED:Gift box confirmed");
        Response instances = api.engine(HttpMethod.GET, "/engine-rest/history/process-instance?processDefinitionKey=" + key
                + "&processInstanceBusinessKey=" + id + "&finished=true", null);
        assertThat(instances.json()).as("finished instances of %s: %s", key, instances).hasSize(1);

        // The metadata is checked on placement too: a payment method the diagram does not list is refused.
        Response paypal = api.placeOrder(WEB, newKey(), with(with(orderOf(newCustomer(), sku), "orderType", type),
                "payment.method", "paypal"));
        assertProblem(paypal, 422);
        assertThat(paypal.errorFields()).containsExactly("payment.method");

        // Deploying the unchanged file again, as Modeler does with deploy-changed-only, makes no new version.
        Response again = api.deploy("gift-box", true, Map.of(key + ".bpmn", diagram));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        DEPLOYMENTS.add(again.json().path("id").asText());
        assertThat(api.orderType(type).path("version").asInt()).isEqualTo(1);
    }

    /**
     * A type that needs no Java: received, payment authorized by the existing delegate (async, with
     * its retries), confirmed. Metadata and milestones as an analyst sets them in Modeler's panel.
     */
    private static BpmnModelInstance giftBox(String key) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("Gift box order")
                .camundaHistoryTimeToLiveString("P180D")
                .startEvent("Event_OrderReceived").name("Gift box received")
                .serviceTask("Task_AuthorizePayment").name("Authorize payment").camundaAsyncBefore()
                .camundaDelegateExpression("${authorizePaymentDelegate}")
                .endEvent("Event_OrderConfirmed").name("Gift box confirmed")
                .done();
        Diagrams.properties(model, key, "displayName", "Gift box", "requiresShipping", "true",
                "paymentMethods", "card, gift-card");
        Diagrams.properties(model, "Event_OrderReceived", "orderStatus", "RECEIVED");
        Diagrams.properties(model, "Event_OrderConfirmed", "orderStatus", "CONFIRMED");
        return model;
    }

    private static JsonNode find(JsonNode types, String type) {
        return StreamSupport.stream(types.spliterator(), false).filter(t -> type.equals(t.path("type").asText()))
                .findFirst().orElse(null);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
