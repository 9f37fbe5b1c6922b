package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.order.OrderCancellation;
import dev.ordo.payment.PaymentStore;
import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole-order cancellation: the event subprocess SubProcess_OrderCancelled of the order-* diagrams
 * (message CancelOrder) and its undo steps, and the races with a second cancellation and SHIPPED.
 */
class CancellationProcessTest extends ProcessTestSupport {
    @Autowired OrderCancellation cancellation;
    @Autowired SimulatedPaymentGateway paymentSimulator;
    @Autowired PaymentStore payments;
    @Autowired JdbcClient jdbc;

    @Test
    void cancelledBeforeConfirmationEndsCancelledWithNothingReservedOrCharged() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "19.99"));
        assertThat(waitingAt(orderId)).contains("Task_RouteFulfilment");

        assertThat(cancellation.cancel(orderId, "customer changed their mind")).isTrue();
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_CancelRequested", "Task_CancelLabels", "Task_ReleaseReservations",
                "Task_VoidAuthorization", "Task_RefundCapture", "Event_OrderCancelledOnRequest")
                .doesNotContain("Task_ReserveStock", "Task_AuthorizePayment");
        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(order(orderId).lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("CANCELLED"));
        assertThat(stockOf("us-east", sku).reserved()).isZero();
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isZero();
    }

    @Test
    void cancelledAfterConfirmationCancelsTheLabelReleasesStockAndVoids() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "19.99"));
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(2);

        assertThat(cancellation.cancel(orderId, "no longer needed")).isTrue();
        assertThat(shipmentsOf(orderId).get(0).status()).isEqualTo(ShipmentStatus.CANCELLED);
        // The carrier's SHIPPED event after the cancellation has no effect.
        assertThat(carrierEvents.handle(shipment.trackingNumber(), CarrierEvents.Status.SHIPPED, null)).isFalse();
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(order(orderId).payment().status()).isEqualTo("VOIDED");
        assertThat(stockOf("us-east", sku).reserved()).isZero();
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE idempotency_key = ?")
                .param(shipment.id() + ":cancel-label").query(Integer.class).single()).isEqualTo(1);
        assertThat(eventsOf(orderId, "LABEL_CANCELLED")).hasSize(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "CAPTURE")).isZero();
    }

    @Test
    void whatWasCapturedIsRefunded() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        // A capture recorded before the cancellation (e.g. a capture-on-confirmation provider setting).
        payments.record(orderId, PaymentStore.Kind.CAPTURE, new BigDecimal("10.00"), "APPROVED", "cap-test",
                orderId + ":capture:test", null);

        assertThat(cancellation.cancel(orderId, "refund me")).isTrue();
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(order(orderId).payment().status()).isEqualTo("REFUNDED");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "REFUND")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).as("nothing open to void").isZero();
    }

    @Test
    void whatHasShippedCannotBeCancelled() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        carrierReports(shipmentsOf(orderId).get(0), CarrierEvents.Status.SHIPPED);

        assertThatThrownBy(() -> cancellation.cancel(orderId, "too late"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409))
                .hasMessageContaining("use a return");
        assertThat(eventsOf(orderId, "CANCELLATION_REQUESTED")).isEmpty();
        assertThat(waitingAt(orderId)).doesNotContain("Task_CancelLabels");
        assertThat(shipmentsOf(orderId).get(0).status()).isEqualTo(ShipmentStatus.SHIPPED);
    }

    @Test
    void twoCancellationsAtOnceHaveOneEffect() throws Exception {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);

        List<Boolean> outcomes = race(() -> cancellation.cancel(orderId, "a"), () -> cancellation.cancel(orderId, "b"));
        assertThat(outcomes).containsExactlyInAnyOrder(true, false);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(eventsOf(orderId, "CANCELLATION_REQUESTED")).hasSize(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).isEqualTo(1);
        assertThat(cancellation.cancel(orderId, "again")).as("a later repeat has no effect").isFalse();
    }

    @Test
    void cancellationRacingShippedHasExactlyOneOutcome() throws Exception {
        for (int round = 0; round < 5; round++) {
            String sku = product(1200, 5, 0, 0);
            String orderId = place("tok_visa", line(sku, 1, "10.00"));
            runJobs(orderId);
            var shipment = shipmentsOf(orderId).get(0);

            List<Object> outcomes = raceWithShipped(shipment, () -> cancellation.cancel(orderId, "race"));
            runJobs(orderId);
            var status = shipmentsOf(orderId).get(0).status();
            if (Boolean.TRUE.equals(outcomes.get(0))) {
                assertThat(outcomes.get(1)).as("SHIPPED after the cancellation has no effect").isEqualTo(false);
                assertThat(status).isEqualTo(ShipmentStatus.CANCELLED);
                assertThat(order(orderId).status()).isEqualTo("CANCELLED");
            } else {
                assertThat(outcomes).containsExactly(409, true);
                assertThat(status).isEqualTo(ShipmentStatus.SHIPPED);
                assertThat(order(orderId).status()).isEqualTo("SHIPPED");
            }
        }
    }

    @Test
    void cancellingOneLineOfTwoLeavesTheOtherToShipCapturesTheRestAndFreesTheStock() {
        String kept = product(1200, 5, 0, 0);
        String dropped = product(800, 5, 0, 0);
        String orderId = place("tok_visa", line(kept, 1, "30.00"), line(dropped, 2, "10.00"));
        var droppedLine = order(orderId).lines().stream().filter(l -> l.sku().equals(dropped)).findFirst().orElseThrow();

        cancellation.cancelLines(orderId, "no longer wanted", List.of(new OrderCancellation.LineRequest(droppedLine.lineId(), 2)));
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(stockOf("us-east", dropped).reserved()).isZero();
        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipmentsOf(orderId)).hasSize(1);
        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);

        var done = order(orderId);
        assertThat(done.status()).isEqualTo("DELIVERED");
        assertThat(done.payment().captured()).isEqualTo("30.00");
        assertThat(done.lines()).anySatisfy(l -> {
            assertThat(l.sku()).isEqualTo(dropped);
            assertThat(l.status()).isEqualTo("CANCELLED");
        });
        assertThat(stockOf("us-east", dropped).onHand()).isEqualTo(5);
        assertThat(stockOf("us-east", dropped).reserved()).isZero();
        assertThat(stockOf("us-east", kept).onHand()).isEqualTo(4);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).as("the cancelled share").isEqualTo(1);
        assertThat(eventsOf(orderId, "LINES_CANCELLED")).hasSize(1);
    }

    @Test
    void wholeLinesCannotBeCancelledOneByOneOnceShipmentsArePlanned() {
        String a = product(500, 5, 0, 0);
        String b = product(500, 5, 0, 0);
        String orderId = place("tok_visa", line(a, 2, "10.00"), line(b, 1, "10.00"));
        var lineA = order(orderId).lines().get(0);

        assertThatThrownBy(() -> cancellation.cancelLines(orderId, "x", List.of(new OrderCancellation.LineRequest(lineA.lineId(), 3))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422));
        assertThatThrownBy(() -> cancellation.cancelLines(orderId, "x", List.of(new OrderCancellation.LineRequest("nope", 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422));
        runJobs(orderId);
        assertThat(shipmentsOf(orderId)).isNotEmpty();
        assertThatThrownBy(() -> cancellation.cancelLines(orderId, "x", List.of(new OrderCancellation.LineRequest(lineA.lineId(), 2))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409));
        assertThat(order(orderId).lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("RESERVED"));
    }

    @Test
    void cancellingPartOfALineReducesItFreesThatStockAndCapturesTheRemainingTotal() {
        String sku = product(1000, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 3, "10.00"));
        runJobs(orderId);
        var line = order(orderId).lines().get(0);
        var labelled = shipmentsOf(orderId).get(0);

        cancellation.cancelLines(orderId, "two are enough", List.of(new OrderCancellation.LineRequest(line.lineId(), 1)));

        var reduced = order(orderId).lines().get(0);
        assertThat(reduced.quantity()).isEqualTo(2);
        assertThat(reduced.status()).isEqualTo("RESERVED");
        assertThat(order(orderId).total()).isEqualTo("20.00");
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(2);
        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipment.weightGrams()).isEqualTo(2000);
        assertThat(shipment.trackingNumber()).as("re-labelled for the lighter parcel").isNotEqualTo(labelled.trackingNumber());
        assertThat(eventsOf(orderId, "LINES_CANCELLED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("1 x " + sku, "two are enough"));

        shipAndDeliver(orderId);
        var done = order(orderId);
        assertThat(done.status()).isEqualTo("DELIVERED");
        assertThat(done.payment().captured()).isEqualTo("20.00");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).as("the cancelled share").isEqualTo(1);
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(3);
        assertThat(stockOf("us-east", sku).reserved()).isZero();
    }

    @Test
    void twoIdenticalPartialCancellationsRacingUnderOneIdempotencyKeyReduceTheLineOnce() throws Exception {
        String sku = product(1000, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 3, "10.00"));
        runJobs(orderId);
        var request = List.of(new OrderCancellation.LineRequest(order(orderId).lines().get(0).lineId(), 1));
        var key = new dev.ordo.order.RequestKeys.Key("cancellation", "k-" + java.util.UUID.randomUUID(), "a".repeat(64));

        race(() -> { cancellation.cancelLines(orderId, "one less", request, key); return 200; },
                () -> { cancellation.cancelLines(orderId, "one less", request, key); return 200; });

        assertThat(order(orderId).lines().get(0).quantity()).isEqualTo(2);
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(2);
        assertThat(eventsOf(orderId, "LINES_CANCELLED")).hasSize(1);
        assertThat(eventsOf(orderId, "LINES_CHANGED")).hasSize(1);
    }

    @Test
    void cancellingEveryLineCancelsTheWholeOrder() {
        String a = product(500, 5, 0, 0);
        String orderId = place("tok_visa", line(a, 1, "10.00"));
        var lineA = order(orderId).lines().get(0);
        cancellation.cancelLines(orderId, "all of it", List.of(new OrderCancellation.LineRequest(lineA.lineId(), 1)));
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(passed(orderId)).contains("Event_OrderCancelledOnRequest");
    }
}
