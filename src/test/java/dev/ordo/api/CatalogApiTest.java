package dev.ordo.api;

import static dev.ordo.api.ApiSupport.OPS;
import static dev.ordo.api.ApiSupport.WEB;
import static dev.ordo.api.ApiSupport.assertProblem;
import static dev.ordo.api.ApiSupport.newCustomer;
import static dev.ordo.api.ApiSupport.orderOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordo.api.ApiSupport.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Catalogue, stock, warehouses and order types. */
class CatalogApiTest extends ApiTestBase {
    @Test
    void aProductPutIsReadBackAndCanBeUpdated() {
        String sku = "T-" + UUID.randomUUID();
        Map<String, Object> lamp = Map.of("name", "Desk lamp", "weightGrams", 1200, "category", "home",
                "leadTimeDays", 2, "digital", false);

        Response created = api.put(OPS, "/api/v1/products/" + sku, lamp);
        Response updated = api.put(OPS, "/api/v1/products/" + sku, Map.of("name", "Desk lamp XL", "weightGrams", 1500));
        Response read = api.get(OPS, "/api/v1/products/" + sku);

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("sku").asText()).isEqualTo(sku);
        assertThat(created.json().path("name").asText()).isEqualTo("Desk lamp");
        assertThat(created.json().path("leadTimeDays").asInt()).isEqualTo(2);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("sku").asText()).isEqualTo(sku);
        assertThat(read.json().path("name").asText()).isEqualTo("Desk lamp XL");
        assertThat(read.json().path("weightGrams").asInt()).isEqualTo(1500);
        assertThat(read.json().path("digital").asBoolean()).isFalse();
    }

    @Test
    void aProductWithoutNameOrWeightIsRefusedWith400NamingTheFields() {
        String sku = "T-" + UUID.randomUUID();

        Response refused = api.put(OPS, "/api/v1/products/" + sku, Map.of("category", "home"));

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).contains("name", "weightGrams");
        assertProblem(api.get(OPS, "/api/v1/products/" + sku), 404);
    }

    @Test
    void aSkuWithCharactersOutsideTheAllowedSetIsRefusedWith400NamingTheSku() {
        Response refused = api.put(OPS, "/api/v1/products/bad!sku", ApiSupport.product("Bad"));

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("sku");
    }

    @Test
    void settingStockReturnsOnHandReservedAndAvailable() {
        String sku = api.newProduct();

        Response set = api.put(OPS, "/api/v1/inventory/us-west/" + sku, Map.of("onHand", 7));
        Response read = api.get(OPS, "/api/v1/inventory/" + sku);

        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("warehouseId").asText()).isEqualTo("us-west");
        assertThat(set.json().path("sku").asText()).isEqualTo(sku);
        assertThat(set.json().path("onHand").asInt()).isEqualTo(7);
        assertThat(set.json().path("reserved").asInt()).isZero();
        assertThat(set.json().path("available").asInt()).isEqualTo(7);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).hasSize(1);
        JsonNode row = read.json().get(0);
        assertThat(row.path("warehouseId").asText()).isEqualTo("us-west");
        assertThat(row.path("onHand").asInt()).isEqualTo(7);
        assertThat(row.path("reserved").asInt()).isZero();
        assertThat(row.path("available").asInt()).isEqualTo(7);
    }

    @Test
    void stockInAnUnknownWarehouseOrOfAnUnknownProductIs404() {
        String sku = api.newProduct();

        assertProblem(api.put(OPS, "/api/v1/inventory/no-such-warehouse/" + sku, Map.of("onHand", 1)), 404);
        assertProblem(api.put(OPS, "/api/v1/inventory/us-east/T-no-such-" + UUID.randomUUID(), Map.of("onHand", 1)), 404);
        assertProblem(api.get(OPS, "/api/v1/inventory/T-no-such-" + UUID.randomUUID()), 404);
    }

    @Test
    void negativeOrMissingOnHandIsRefusedWith400() {
        String sku = api.newProduct();

        Response negative = api.put(OPS, "/api/v1/inventory/us-east/" + sku, Map.of("onHand", -1));
        Response missing = api.put(OPS, "/api/v1/inventory/us-east/" + sku, Map.of());

        assertProblem(negative, 400);
        assertThat(negative.errorFields()).containsExactly("onHand");
        assertProblem(missing, 400);
        assertThat(missing.errorFields()).containsExactly("onHand");
    }

    @Test
    void onHandBelowWhatIsReservedIsRefusedWith409AndLeavesStockUnchanged() {
        String sku = api.newProductIn("us-east", 5);
        String id = api.place(orderOf(newCustomer(), sku)); // 2 units
        api.awaitStatus(id, "CONFIRMED");

        Response refused = api.put(OPS, "/api/v1/inventory/us-east/" + sku, Map.of("onHand", 1));

        assertProblem(refused, 409);
        JsonNode stock = api.stock("us-east", sku);
        assertThat(stock.path("onHand").asInt()).isEqualTo(5);
        assertThat(stock.path("reserved").asInt()).isEqualTo(2);
        assertThat(stock.path("available").asInt()).isEqualTo(3);
        assertThat(api.put(OPS, "/api/v1/inventory/us-east/" + sku, Map.of("onHand", 2)).status()).isEqualTo(200);
    }

    @Test
    void warehousesListTheDemoWarehousesWithCountryAndRegion() {
        Response list = api.get(OPS, "/api/v1/warehouses");

        assertThat(list.status()).isEqualTo(200);
        JsonNode byId = byId(list.json());
        assertThat(byId.path("us-east").path("country").asText()).isEqualTo("US");
        assertThat(byId.path("us-east").path("region").asText()).isEqualTo("NJ");
        assertThat(byId.path("us-west").path("country").asText()).isEqualTo("US");
        assertThat(byId.path("us-west").path("region").asText()).isEqualTo("NV");
        assertThat(byId.path("eu-central").path("country").asText()).isEqualTo("DE");
        assertThat(byId.path("us-east").path("name").asText()).isNotBlank();
        assertProblem(api.get(WEB, "/api/v1/warehouses"), 403);
    }

    @Test
    void orderTypesListStandardWithItsProcessDefinitionForAnyRole() {
        for (String key : new String[] {WEB, OPS, ApiSupport.CARRIER}) {
            Response list = api.get(key, "/api/v1/order-types");

            assertThat(list.status()).as("order types for %s: %s", key, list).isEqualTo(200);
            JsonNode standard = null;
            for (JsonNode type : list.json()) {
                if ("standard".equals(type.path("type").asText())) standard = type;
            }
            assertThat(standard).as("order type standard in %s", list).isNotNull();
            assertThat(standard.path("processDefinitionKey").asText()).isEqualTo("order-standard");
            assertThat(standard.path("version").asInt()).isPositive();
            assertThat(standard.path("requiresShipping").asBoolean()).isTrue();
            assertThat(standard.path("name").asText()).isNotBlank();
        }
    }

    private static JsonNode byId(JsonNode warehouses) {
        var map = ApiSupport.JSON.createObjectNode();
        warehouses.forEach(w -> map.set(w.path("id").asText(), w));
        return map;
    }
}
