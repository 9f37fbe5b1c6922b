package dev.ordo.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * decisions/fulfillment-routing.dmn: destination and product category → warehouses in rank order (first
 * occurrence counts).
 */
class FulfillmentRoutingTableTest {
    private static final DecisionTable table = new DecisionTable("fulfillment-routing.dmn", "fulfillment-routing");

    private static List<Object> ranked(String country, String region) {
        return ranked(country, region, "home");
    }

    private static List<Object> ranked(String country, String region, String productCategory) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("destinationCountry", country);
        inputs.put("destinationRegion", region);
        inputs.put("productCategory", productCategory);
        return table.column(inputs, "warehouseId").stream().distinct().toList();
    }

    @Test
    void eastCoastOrdersShipFromUsEastFirstThenUsWest() {
        assertThat(ranked("US", "NJ")).containsExactly("us-east", "us-west");
        assertThat(ranked("US", "FL")).containsExactly("us-east", "us-west");
    }

    @Test
    void westCoastOrdersShipFromUsWestFirstThenUsEast() {
        assertThat(ranked("US", "NV")).containsExactly("us-west", "us-east");
        assertThat(ranked("US", "CA")).containsExactly("us-west", "us-east");
    }

    @Test
    void otherOrMissingUsRegionsFallBackToUsEastThenUsWest() {
        assertThat(ranked("US", "TX")).containsExactly("us-east", "us-west");
        assertThat(ranked("US", null)).containsExactly("us-east", "us-west");
    }

    @Test
    void europeanOrdersShipFromEuCentralThenInternationallyFromUsEast() {
        assertThat(ranked("DE", null)).containsExactly("eu-central", "us-east");
        assertThat(ranked("FR", "IDF")).containsExactly("eu-central", "us-east");
    }

    @Test
    void destinationsWithoutALocalWarehouseShipInternationallyFromUsEast() {
        assertThat(ranked("GB", null)).containsExactly("us-east");
        assertThat(ranked("JP", "13")).containsExactly("us-east");
    }

    @Test
    void usFurnitureLeavesFromTheWhiteGloveHubInUsEastFirstEvenToTheWestCoast() {
        assertThat(ranked("US", "NV", "furniture")).containsExactly("us-east", "us-west");
        assertThat(ranked("US", "NJ", "furniture")).containsExactly("us-east", "us-west");
        assertThat(ranked("US", null, "furniture")).containsExactly("us-east", "us-west");
    }

    @Test
    void nonFurnitureAndMixedWestCoastOrdersStillShipFromUsWestFirst() {
        assertThat(ranked("US", "NV", "home")).containsExactly("us-west", "us-east");
        assertThat(ranked("US", "NV", "mixed")).containsExactly("us-west", "us-east");
    }

    @Test
    void furnitureOutsideTheUsIsRoutedLikeAnyOtherOrder() {
        assertThat(ranked("DE", null, "furniture")).containsExactly("eu-central", "us-east");
        assertThat(ranked("GB", null, "furniture")).containsExactly("us-east");
    }

    @Test
    void everyDestinationGetsAtLeastOneWarehouse() {
        for (String country : List.of("US", "DE", "CA", "BR", "AU")) {
            assertThat(ranked(country, null)).as(country).isNotEmpty();
        }
    }

    @AfterAll
    static void everyRuleWasExercised() {
        table.assertEveryRuleMatched();
    }
}
