package dev.ordo.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * decisions/carrier-selection.dmn: weight, destination, method and order type → primary and fallback carrier
 * (first hit).
 */
class CarrierSelectionTableTest {
    private static final DecisionTable table = new DecisionTable("carrier-selection.dmn", "carrier-selection");

    private static Map<String, Object> choose(int grams, String country, String method) {
        return choose(grams, country, method, "standard");
    }

    private static Map<String, Object> choose(int grams, String country, String method, String orderType) {
        var result = table.evaluate(Map.of("weightGrams", grams, "destinationCountry", country, "shippingMethod", method,
                "orderType", orderType));
        assertThat(result).as("a rule for %s order of %d g to %s by %s", orderType, grams, country, method).hasSize(1);
        return result.getSingleResult().getEntryMap();
    }

    private static void assertCarriers(Map<String, Object> choice, String primary, String primaryService,
            String fallback, String fallbackService) {
        assertThat(choice).containsEntry("primaryCarrier", primary).containsEntry("primaryService", primaryService)
                .containsEntry("fallbackCarrier", fallback).containsEntry("fallbackService", fallbackService);
    }

    @Test
    void furnitureGoesWhiteGloveInHomeWithFreightAsFallbackWhateverTheWeightDestinationOrMethod() {
        assertCarriers(choose(45_000, "US", "standard", "furniture"), "WHITEGLOVE", "IN_HOME", "FREIGHTCO", "LTL");
        assertCarriers(choose(800, "US", "express", "furniture"), "WHITEGLOVE", "IN_HOME", "FREIGHTCO", "LTL");
        assertCarriers(choose(12_000, "DE", "standard", "furniture"), "WHITEGLOVE", "IN_HOME", "FREIGHTCO", "LTL");
    }

    @Test
    void otherOrderTypesAreNotSentWhiteGlove() {
        assertCarriers(choose(999, "US", "standard", "preorder"), "USPS", "GROUND_ADVANTAGE", "UPS", "GROUND");
        assertCarriers(choose(45_000, "US", "standard", "mixed"), "FREIGHTCO", "LTL", "UPS", "GROUND_FREIGHT");
    }

    @Test
    void shipmentsOver30KilosGoByFreightWhateverTheMethodOrDestination() {
        assertCarriers(choose(30_001, "US", "express"), "FREIGHTCO", "LTL", "UPS", "GROUND_FREIGHT");
        assertCarriers(choose(45_000, "DE", "standard"), "FREIGHTCO", "LTL", "UPS", "GROUND_FREIGHT");
    }

    @Test
    void exactly30KilosIsStillAParcel() {
        assertCarriers(choose(30_000, "US", "standard"), "UPS", "GROUND", "FEDEX", "GROUND");
    }

    @Test
    void domesticExpressGoesOvernightWithFedexAndUpsAsFallback() {
        assertCarriers(choose(500, "US", "express"), "FEDEX", "PRIORITY_OVERNIGHT", "UPS", "NEXT_DAY_AIR");
    }

    @Test
    void domesticParcelsUnderOneKiloGoWithUsps() {
        assertCarriers(choose(999, "US", "standard"), "USPS", "GROUND_ADVANTAGE", "UPS", "GROUND");
    }

    @Test
    void heavierDomesticParcelsGoWithUpsGround() {
        assertCarriers(choose(1000, "US", "standard"), "UPS", "GROUND", "FEDEX", "GROUND");
    }

    @Test
    void internationalExpressGoesWithDhl() {
        assertCarriers(choose(2000, "DE", "express"), "DHL", "EXPRESS_WORLDWIDE", "UPS", "WORLDWIDE_EXPRESS");
    }

    @Test
    void internationalStandardGoesWithDpdAndDhlAsFallback() {
        assertCarriers(choose(2000, "FR", "standard"), "DPD", "CLASSIC", "DHL", "PAKET");
    }

    @AfterAll
    static void everyRuleWasExercised() {
        table.assertEveryRuleMatched();
    }
}
