package dev.ordo.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * decisions/partial-shipment.dmn: when only some of an order's lines can be reserved now, total, tier, order type
 * and available share → what to do with the rest and how long it may wait (first hit).
 */
class PartialShipmentTableTest {
    private static final DecisionTable table = new DecisionTable("partial-shipment.dmn", "partial-shipment");

    private static Map<String, Object> decide(double total, String tier, String orderType, double availableShare) {
        var result = table.evaluate(Map.of("orderTotal", total, "customerTier", tier, "orderType", orderType,
                "availableShare", availableShare));
        assertThat(result).as("a rule for %.2f, %s, %s, %.2f available", total, tier, orderType, availableShare)
                .hasSize(1);
        return result.getSingleResult().getEntryMap();
    }

    private static void assertDecision(Map<String, Object> decision, String action, String maxWait) {
        assertThat(decision).containsEntry("partialAction", action).containsEntry("maxBackorderWait", maxWait);
    }

    @Test
    void preordersWaitUpTo30DaysForAllLinesWhateverTheTotalOrTier() {
        assertDecision(decide(250.00, "regular", "preorder", 0.5), "WAIT_FOR_ALL", "P30D");
        assertDecision(decide(19.99, "vip", "preorder", 0.9), "WAIT_FOR_ALL", "P30D");
    }

    @Test
    void ordersOf50OrMoreShipWhatIsAvailableAndBackorderTheRestForAtMost14Days() {
        assertDecision(decide(50.00, "regular", "standard", 0.5), "SHIP_AVAILABLE_NOW", "P14D");
        assertDecision(decide(1299.00, "vip", "standard", 0.1), "SHIP_AVAILABLE_NOW", "P14D");
    }

    @Test
    void regularOrdersJustUnder50WaitUpTo14DaysForAllLines() {
        assertDecision(decide(49.99, "regular", "standard", 0.5), "WAIT_FOR_ALL", "P14D");
        assertDecision(decide(9.99, "regular", "standard", 0.9), "WAIT_FOR_ALL", "P14D");
    }

    @Test
    void vipOrdersJustUnder50ShipNowAndCancelTheMissingLines() {
        assertDecision(decide(49.99, "vip", "standard", 0.5), "CANCEL_MISSING", "PT0S");
        assertDecision(decide(5.00, "vip", "standard", 0.25), "CANCEL_MISSING", "PT0S");
    }

    @Test
    void vipOrdersOf50OrMoreShipWhatIsAvailableLikeAnyOther() {
        assertDecision(decide(50.00, "vip", "standard", 0.5), "SHIP_AVAILABLE_NOW", "P14D");
    }

    @Test
    void theShareAvailableNowDoesNotChangeTheDecision() {
        for (double share : new double[] {0.01, 0.5, 0.99}) {
            assertDecision(decide(50.00, "regular", "standard", share), "SHIP_AVAILABLE_NOW", "P14D");
            assertDecision(decide(49.99, "regular", "standard", share), "WAIT_FOR_ALL", "P14D");
        }
    }

    @AfterAll
    static void everyRuleWasExercised() {
        table.assertEveryRuleMatched();
    }
}
