package dev.ordo.api;

import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static dev.ordo.api.ApiSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Versions, the "done when": analysts deploy a changed diagram and a changed decision table
 * while orders wait mid-lifecycle. The waiting orders finish on the diagram and rules they started
 * with (the shared called processes and decisions are bound to their deployment), new orders take
 * the new ones.
 *
 * <p>The deployment is the whole bundle from the project folders ({@code processes/},
 * {@code decisions/}, {@code ui-forms/}), as Modeler deploys it with its additional files or as a
 * restart would, through {@code /engine-rest}. It creates new latest versions of the shipped
 * diagrams in the (on PostgreSQL, shared) database, so the changed rule only fires for a shipment
 * weight no other test uses, and the original bundle is deployed again afterwards.
 */
class ProcessVersionsApiTest extends ApiTestBase {
    /** The shipment weight the changed carrier rule matches: one unit of a product weighing this. */
    private static final int RULE_WEIGHT_GRAMS = 4321;
    private static final String NEW_DELIVERED_NAME = "Order delivered (new diagram)";
    private static ApiSupport restore;

    @BeforeEach
    void setUp() {
        restore = api;
    }

    /** Leaves the original diagrams and rules as the latest versions for the test classes that follow. */
    @AfterAll
    static void deployTheOriginalBundleAgain() {
        if (restore == null) return;
        String id = restore.deployed("ordo-original-" + UUID.randomUUID(), bundle());
        assertThat(id).isNotBlank();
    }

    @Test
    void ordersWaitingDuringADeploymentFinishOnTheirOldDiagramAndRulesAndNewOrdersTakeTheNewOnes() {
        int version = api.orderType("standard").path("version").asInt();
        String backorderedSku = api.newProduct(RULE_WEIGHT_GRAMS);
        String inStockSku = api.newProduct(RULE_WEIGHT_GRAMS);
        api.setStock("us-east", inStockSku, 5);

        // Waits for stock, before any carrier is chosen.
        String waitingForStock = api.place(oneOf(backorderedSku));
        api.awaitStatus(waitingForStock, "BACKORDERED");
        // Waits for the carrier to pick the parcel up, labelled under the old rules.
        String waitingForCarrier = api.place(oneOf(inStockSku));
        JsonNode labelled = awaitLabel(waitingForCarrier);
        assertThat(labelled.path("shipments").get(0).path("carrier").asText()).isEqualTo("UPS");

        Map<String, byte[]> changed = changedBundle();
        Response deployment = api.deploy("ordo-changed-" + UUID.randomUUID(), true, changed);

        assertThat(deployment.status()).as(deployment.toString()).isEqualTo(200);
        JsonNode deployed = deployment.json();
        assertThat(definitions(deployed.path("deployedProcessDefinitions")))
                .as("a restart or Modeler deploys the whole bundle: the shared processes come along")
                .containsEntry("order-standard", version + 1)
                .containsKeys("screen-order", "fulfil-order", "ship-from-warehouse", "ship-white-glove");
        assertThat(definitions(deployed.path("deployedDecisionDefinitions"))).containsKey("carrier-selection");
        assertThat(api.orderType("standard").path("version").asInt()).isEqualTo(version + 1);
        assertThat(api.order(waitingForStock).path("process").path("version").asInt()).isEqualTo(version);
        assertThat(api.order(waitingForCarrier).path("process").path("version").asInt()).isEqualTo(version);

        // Stock arrives after the deployment: the waiting order now chooses its carrier, with its own old rules.
        api.setStock("us-east", backorderedSku, 5);
        JsonNode resumed = awaitLabel(waitingForStock);
        // A new order for the same product, same weight, same destination: the new rules.
        String placedAfter = api.place(oneOf(backorderedSku));
        JsonNode newOrder = awaitLabel(placedAfter);

        assertThat(resumed.path("shipments").get(0).path("carrier").asText()).as("old rule for %s", resumed).isEqualTo("UPS");
        assertThat(resumed.path("process").path("version").asInt()).isEqualTo(version);
        assertThat(newOrder.path("shipments").get(0).path("carrier").asText()).as("new rule for %s", newOrder).isEqualTo("FEDEX");
        assertThat(newOrder.path("process").path("definitionKey").asText()).isEqualTo("order-standard");
        assertThat(newOrder.path("process").path("version").asInt()).isEqualTo(version + 1);
        assertThat(api.order(waitingForCarrier).path("process").path("version").asInt()).isEqualTo(version);

        for (String id : List.of(waitingForStock, waitingForCarrier, placedAfter)) {
            String tracking = api.order(id).path("shipments").get(0).path("trackingNumber").asText();
            assertThat(api.carrierEvent(tracking, "SHIPPED").status()).isEqualTo(202);
            api.awaitStatus(id, "SHIPPED");
            assertThat(api.carrierEvent(tracking, "DELIVERED").status()).isEqualTo(202);
        }
        for (String id : List.of(waitingForStock, waitingForCarrier)) {
            JsonNode done = api.awaitStatus(id, "DELIVERED");
            assertThat(done.path("process").path("version").asInt()).isEqualTo(version);
            assertThat(deliveredMilestone(id)).as("old diagram's end event for %s", id).isEqualTo("Order delivered");
        }
        JsonNode done = api.awaitStatus(placedAfter, "DELIVERED");
        assertThat(done.path("process").path("version").asInt()).isEqualTo(version + 1);
        assertThat(deliveredMilestone(placedAfter)).isEqualTo(NEW_DELIVERED_NAME);
    }

    /** A standard order of one unit, so the shipment weighs exactly the product's weight. */
    private static com.fasterxml.jackson.databind.node.ObjectNode oneOf(String sku) {
        return with(orderOf(newCustomer(), sku), "lines[0].quantity", 1);
    }

    private JsonNode awaitLabel(String orderId) {
        return api.awaitOrder(orderId, "CONFIRMED with a label", o -> "CONFIRMED".equals(o.path("status").asText())
                && o.path("shipments").size() == 1
                && "LABEL_CREATED".equals(o.path("shipments").get(0).path("status").asText()));
    }

    /** The name of the milestone that made the order DELIVERED, from its timeline. */
    private String deliveredMilestone(String orderId) {
        return StreamSupport.stream(api.timeline(orderId).spliterator(), false)
                .filter(e -> "STATUS_CHANGED".equals(e.path("type").asText()) && "DELIVERED".equals(e.path("status").asText()))
                .map(e -> e.path("detail").asText()).findFirst().orElse(null);
    }

    private static Map<String, Integer> definitions(JsonNode deployedDefinitions) {
        Map<String, Integer> versions = new TreeMap<>();
        deployedDefinitions.forEach(d -> versions.put(d.path("key").asText(), d.path("version").asInt()));
        return versions;
    }

    /** Every resource in the analysts' folders, by file name, as Modeler or the start-up deployment sends them. */
    static Map<String, byte[]> bundle() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Map<String, byte[]> files = new TreeMap<>();
        for (String[] folder : new String[][] {{"processes", ".bpmn"}, {"decisions", ".dmn"}, {"ui-forms", ".form"}}) {
            try (Stream<Path> paths = Files.list(base.resolve(folder[0]))) {
                for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(folder[1])).toList()) {
                    files.put(path.getFileName().toString(), Files.readAllBytes(path));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(files).containsKeys("order-standard.bpmn", "fulfil-order.bpmn", "ship-from-warehouse.bpmn",
                "carrier-selection.dmn", "manual-review.form");
        return files;
    }

    /**
     * The bundle with two analyst edits: carrier-selection picks FedEx for US standard parcels of
     * exactly {@value #RULE_WEIGHT_GRAMS} g (a rule ahead of the UPS ground rule), and
     * order-standard's end event is renamed, which the order timeline shows.
     */
    private static Map<String, byte[]> changedBundle() {
        Map<String, byte[]> files = bundle();
        files.put("carrier-selection.dmn", edit(files.get("carrier-selection.dmn"), "      <rule id=\"Rule_UsLightStandard\">", """
                      <rule id="Rule_UsStandardFedexTrial">
                        <description>Trial: FedEx ground for one parcel weight.</description>
                        <inputEntry id="UnaryTests_UsStandardFedexTrial_Weight">
                          <text>%d</text>
                        </inputEntry>
                        <inputEntry id="UnaryTests_UsStandardFedexTrial_Country">
                          <text>"US"</text>
                        </inputEntry>
                        <inputEntry id="UnaryTests_UsStandardFedexTrial_ShippingMethod">
                          <text>"standard"</text>
                        </inputEntry>
                        <inputEntry id="UnaryTests_UsStandardFedexTrial_OrderType">
                          <text></text>
                        </inputEntry>
                        <outputEntry id="LiteralExpression_UsStandardFedexTrial_PrimaryCarrier">
                          <text>"FEDEX"</text>
                        </outputEntry>
                        <outputEntry id="LiteralExpression_UsStandardFedexTrial_PrimaryService">
                          <text>"GROUND"</text>
                        </outputEntry>
                        <outputEntry id="LiteralExpression_UsStandardFedexTrial_FallbackCarrier">
                          <text>"UPS"</text>
                        </outputEntry>
                        <outputEntry id="LiteralExpression_UsStandardFedexTrial_FallbackService">
                          <text>"GROUND"</text>
                        </outputEntry>
                      </rule>
                """.formatted(RULE_WEIGHT_GRAMS) + "      <rule id=\"Rule_UsLightStandard\">"));
        files.put("order-standard.bpmn", edit(files.get("order-standard.bpmn"),
                "<bpmn:endEvent id=\"Event_OrderDelivered\" name=\"Order delivered\">",
                "<bpmn:endEvent id=\"Event_OrderDelivered\" name=\"" + NEW_DELIVERED_NAME + "\">"));
        return files;
    }

    private static byte[] edit(byte[] file, String find, String replacement) {
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).as("the shipped file still has %s", find).containsOnlyOnce(find);
        return text.replace(find, replacement).getBytes(StandardCharsets.UTF_8);
    }
}
