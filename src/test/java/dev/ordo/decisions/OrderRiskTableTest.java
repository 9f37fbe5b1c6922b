package dev.ordo.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** decisions/order-risk.dmn: total, new customer, address mismatch → APPROVE, REVIEW or REJECT (first hit). */
class OrderRiskTableTest {
    private static final DecisionTable table = new DecisionTable("order-risk.dmn", "order-risk");

    private static Object risk(double total, boolean newCustomer, boolean addressMismatch) {
        var result = table.evaluate(
                Map.of("orderTotal", total, "newCustomer", newCustomer, "addressMismatch", addressMismatch));
        assertThat(result).as("a rule for %.2f, new customer %s, address mismatch %s", total, newCustomer,
                addressMismatch).hasSize(1);
        return result.getSingleResult().getEntry("riskDecision");
    }

    @Test
    void newCustomerSpending5000OrMoreWithBillingAndShippingInDifferentCountriesIsRejected() {
        assertThat(risk(5000.00, true, true)).isEqualTo("REJECT");
        assertThat(risk(12_500.00, true, true)).isEqualTo("REJECT");
    }

    @Test
    void justUnder5000FromANewCustomerWithMismatchedAddressesGoesToReviewInstead() {
        assertThat(risk(4999.99, true, true)).isEqualTo("REVIEW");
    }

    @Test
    void newCustomerSpending5000OrMoreWithMatchingAddressesGoesToReview() {
        assertThat(risk(5000.00, true, false)).isEqualTo("REVIEW");
    }

    @Test
    void newCustomerSpending1000OrMoreGoesToReview() {
        assertThat(risk(1000.00, true, false)).isEqualTo("REVIEW");
        assertThat(risk(1299.00, true, false)).isEqualTo("REVIEW");
    }

    @Test
    void newCustomerSpendingJustUnder1000IsApproved() {
        assertThat(risk(999.99, true, false)).isEqualTo("APPROVE");
    }

    @Test
    void knownCustomerSpending1000OrMoreWithMatchingAddressesIsApproved() {
        assertThat(risk(1000.00, false, false)).isEqualTo("APPROVE");
        assertThat(risk(8000.00, false, false)).isEqualTo("APPROVE");
    }

    @Test
    void mismatchedAddressesFrom500UpGoToReviewEvenForAKnownCustomer() {
        assertThat(risk(500.00, false, true)).isEqualTo("REVIEW");
        assertThat(risk(5000.00, false, true)).isEqualTo("REVIEW");
        assertThat(risk(500.00, true, true)).isEqualTo("REVIEW");
    }

    @Test
    void mismatchedAddressesJustUnder500AreApproved() {
        assertThat(risk(499.99, false, true)).isEqualTo("APPROVE");
        assertThat(risk(499.99, true, true)).isEqualTo("APPROVE");
    }

    @Test
    void smallOrdersFromKnownCustomersAreApproved() {
        assertThat(risk(19.99, false, false)).isEqualTo("APPROVE");
        assertThat(risk(0.00, true, false)).isEqualTo("APPROVE");
    }

    @AfterAll
    static void everyRuleWasExercised() {
        table.assertEveryRuleMatched();
    }
}
