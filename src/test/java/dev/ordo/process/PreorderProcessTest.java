package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordo.payment.PaymentStore;
import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of processes/order-preorder.bpmn: the order is authorized at once and waits BACKORDERED
 * for its release date (or for stock, whichever comes first), renewing the authorization before the
 * card network lets it expire; then the shared fulfil-order process ships it.
 */
class PreorderProcessTest extends ProcessTestSupport {
    @Autowired SimulatedPaymentGateway paymentSimulator;
    @Autowired PaymentStore payments;
    @Autowired JdbcClient jdbc;

    final LocalDate releaseDate = LocalDate.now(ZoneOffset.UTC).plusDays(30);

    String placePreorder(String token, String sku, int quantity, String unitPrice) {
        return place("preorder", "regular", null, token, line(sku, quantity, unitPrice));
    }

    void assertWaitingForRelease(String orderId, String total) {
        assertThat(waitingAt(orderId)).contains("Gateway_AwaitRelease").doesNotContain("CallActivity_FulfilOrder");
        var waiting = order(orderId);
        assertThat(waiting.status()).isEqualTo("BACKORDERED");
        assertThat(waiting.payment().status()).isEqualTo("AUTHORIZED");
        assertThat(waiting.payment().authorized()).isEqualTo(total);
        assertThat(waiting.payment().captured()).isEqualTo("0.00");
        assertThat(waiting.lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("PENDING"));
        assertThat(waiting.shipments()).isEmpty();
    }

    int paymentRows(String orderId, String kind, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM payments WHERE order_id = ? AND kind = ? AND outcome = ?")
                .params(orderId, kind, outcome).query(Integer.class).single();
    }

    @Test
    void preorderIsAuthorizedAtOnceWaitsForItsReleaseDateThenShipsAndIsDelivered() {
        String game = preorderProduct(releaseDate, 5);
        String orderId = placePreorder("tok_visa", game, 2, "59.99");
        assertCallActivitiesFindTheirSources(orderId);
        runJobs(orderId);

        assertThat(passed(orderId)).contains("Task_AssessRisk", "Task_AuthorizePayment", "Event_PreorderWaiting")
                .doesNotContain("Task_ReserveStock");
        assertWaitingForRelease(orderId, "119.98");
        assertThat(stockOf("us-east", game).reserved()).as("nothing reserved before the release").isZero();
        assertThat(timerOf(orderId, "Event_ReleaseDateReached").getDuedate())
                .isEqualTo(Date.from(releaseDate.atStartOfDay(ZoneOffset.UTC).toInstant()));
        assertThat(timerOf(orderId, "Event_AuthorizationExpiring").getDuedate())
                .isAfter(new Date(System.currentTimeMillis() + 5L * 24 * 3600 * 1000))
                .isBefore(new Date(System.currentTimeMillis() + 7L * 24 * 3600 * 1000));

        fireTimer(orderId, "Event_ReleaseDateReached");

        assertThat(passed(orderId)).contains("Event_ReleaseDateReached", "Task_RouteFulfilment", "Task_ReserveStock",
                "Task_PlanShipments", "Task_CreateShippingLabel").doesNotContain("Event_StockArrived", "Task_ReauthorizePayment");
        assertThat(timerOf(orderId, "Event_AuthorizationExpiring")).as("the renewal timer ended with the wait").isNull();
        assertThat(waitingAt(orderId)).contains("Event_ShipmentShipped");
        var confirmed = order(orderId);
        assertThat(confirmed.status()).isEqualTo("CONFIRMED");
        assertThat(confirmed.lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("RESERVED"));
        assertThat(stockOf("us-east", game).reserved()).isEqualTo(2);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).as("fulfilment does not authorize again").isEqualTo(1);
        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(shipment.warehouseId()).isEqualTo("us-east");
        assertThat(shipment.carrier()).as("600 g in the US by standard").isEqualTo("USPS");

        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("SHIPPED");
        assertThat(order(orderId).payment().captured()).isEqualTo("119.98");
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_OrderDelivered").doesNotContain("Task_VoidUncapturedAmount");
        var delivered = order(orderId);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.payment().status()).isEqualTo("CAPTURED");
        assertThat(delivered.lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("SHIPPED"));
        assertThat(stockOf("us-east", game).onHand()).isEqualTo(3);
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "BACKORDERED", "CONFIRMED", "SHIPPED", "DELIVERED");
    }

    @Test
    void stockArrivingBeforeTheReleaseDateWakesThePreorder() {
        String game = preorderProduct(releaseDate, 0);
        String orderId = placePreorder("tok_visa", game, 2, "59.99");
        runJobs(orderId);
        assertWaitingForRelease(orderId, "119.98");

        stock.setOnHand("us-east", game, 4);
        runJobs(orderId);

        assertThat(passed(orderId)).contains("Event_StockArrived", "Task_ReserveStock", "Task_CreateShippingLabel")
                .doesNotContain("Event_ReleaseDateReached");
        assertThat(timerOf(orderId, "Event_ReleaseDateReached")).isNull();
        assertThat(waitingAt(orderId)).contains("Event_ShipmentShipped");
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(stockOf("us-east", game).reserved()).isEqualTo(2);
        assertThat(shipmentsOf(orderId)).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(ShipmentStatus.LABEL_CREATED));
    }

    @Test
    void authorizationAboutToExpireIsVoidedAndRenewedAndThePreorderWaitsAgain() {
        String game = preorderProduct(releaseDate, 5);
        String orderId = placePreorder("tok_visa", game, 1, "69.99");
        runJobs(orderId);

        fireTimer(orderId, "Event_AuthorizationExpiring");

        assertThat(passed(orderId)).contains("Event_AuthorizationExpiring", "Task_ReauthorizePayment")
                .doesNotContain("CallActivity_FulfilOrder", "Task_VoidPayment");
        assertWaitingForRelease(orderId, "69.99");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isEqualTo(2);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntries(orderId + ":void:renewal-1")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntries(orderId + ":authorize:renewal-1")).isEqualTo(1);
        assertThat(paymentRows(orderId, "AUTHORIZATION", "APPROVED")).isEqualTo(2);
        assertThat(paymentRows(orderId, "VOID", "APPROVED")).isEqualTo(1);
        var summary = payments.summary(orderId);
        assertThat(summary.held()).isEqualByComparingTo(new BigDecimal("69.99"));
        assertThat(summary.voided()).isEqualByComparingTo(new BigDecimal("69.99"));
        assertThat(timerOf(orderId, "Event_AuthorizationExpiring")).as("the next renewal is due").isNotNull();
        assertThat(timerOf(orderId, "Event_ReleaseDateReached").getDuedate())
                .isEqualTo(Date.from(releaseDate.atStartOfDay(ZoneOffset.UTC).toInstant()));

        fireTimer(orderId, "Event_ReleaseDateReached");
        var shipment = shipmentsOf(orderId).get(0);
        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);
        assertThat(ended(orderId)).isTrue();
        var delivered = order(orderId);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.payment().status()).isEqualTo("CAPTURED");
        assertThat(delivered.payment().captured()).as("captured once, from the renewed authorization").isEqualTo("69.99");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).as("nothing left to void at the end").isEqualTo(1);
    }

    @Test
    void declinedRenewalRejectsThePreorderWithTheAuthorizationVoided() {
        String game = preorderProduct(releaseDate, 5);
        String orderId = placePreorder("tok_visa", game, 1, "69.99");
        runJobs(orderId);

        paymentSimulator.declineNext("AUTHORIZE");
        fireTimer(orderId, "Event_AuthorizationExpiring");

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_ReauthorizePayment", "Event_ReauthorizationDeclined",
                "Event_CompensateDeclinedPreorder", "Event_PreorderRejected").doesNotContain("CallActivity_FulfilOrder");
        var rejected = order(orderId);
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.payment().status()).isEqualTo("VOIDED");
        assertThat(rejected.payment().authorized()).as("nothing held any more").isEqualTo("0.00");
        assertThat(rejected.payment().captured()).isEqualTo("0.00");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).as("only the first was approved").isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).as("voided once").isEqualTo(1);
        assertThat(paymentRows(orderId, "AUTHORIZATION", "DECLINED")).isEqualTo(1);
        assertThat(eventsOf(orderId, "PAYMENT_DECLINED")).hasSize(1);
        assertThat(stockOf("us-east", game).reserved()).isZero();
        assertThat(management.createJobQuery().rootProcessInstanceId(pid(orderId)).count()).isZero();
    }

    @Test
    void preorderWhoseStockNeverArrivesAfterTheReleaseIsCancelledWithItsAuthorizationVoided() {
        String game = preorderProduct(releaseDate, 0);
        String orderId = placePreorder("tok_visa", game, 1, "69.99");
        runJobs(orderId);
        fireTimer(orderId, "Event_ReleaseDateReached");

        assertThat(waitingAt(orderId)).contains("CallActivity_FulfilOrder", "Gateway_AwaitStock");
        assertThat(order(orderId).status()).isEqualTo("BACKORDERED");
        assertThat(order(orderId).lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("BACKORDERED"));
        assertThat(timerOf(orderId, "Event_BackorderExpired").getDuedate())
                .isAfter(new Date(System.currentTimeMillis() + 13L * 24 * 3600 * 1000));

        fireTimer(orderId, "Event_BackorderExpired");

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_BackorderExpiredEnd", "Event_CompensateCancelledPreorder", "Task_VoidPayment",
                "Event_OrderCancelled").doesNotContain("Task_PlanShipments");
        var cancelled = order(orderId);
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.payment().status()).isEqualTo("VOIDED");
        assertThat(cancelled.payment().authorized()).isEqualTo("0.00");
        assertThat(cancelled.lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("CANCELLED"));
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).isEqualTo(1);
        assertThat(shipmentsOf(orderId)).isEmpty();
    }

    @Test
    void preorderDeclinedAtPlacementIsRejectedAndNeverWaits() {
        String game = preorderProduct(releaseDate, 5);
        String orderId = placePreorder("tok_declined", game, 1, "69.99");
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_PaymentDeclined", "Event_OrderRejected")
                .doesNotContain("Event_PreorderWaiting", "Gateway_AwaitRelease");
        assertThat(order(orderId).status()).isEqualTo("REJECTED");
        assertThat(order(orderId).payment().status()).isEqualTo("DECLINED");
        assertThat(management.createJobQuery().rootProcessInstanceId(pid(orderId)).timers().count()).isZero();
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "REJECTED");
    }

    @Test
    void preorderRejectedInReviewIsNeverAuthorized() {
        String console = preorderProduct(releaseDate, 5);
        String orderId = placePreorder("tok_visa", console, 1, "1499.00");
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("IN_REVIEW");

        review(orderId, "reject", "reseller bulk buying pattern");
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_RejectedInReview", "Event_OrderRejectedByScreening")
                .doesNotContain("Task_AuthorizePayment");
        assertThat(order(orderId).status()).isEqualTo("REJECTED");
        assertThat(order(orderId).payment().status()).isEqualTo("PENDING");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isZero();
    }
}
