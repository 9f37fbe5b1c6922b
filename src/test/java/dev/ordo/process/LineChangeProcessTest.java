package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.order.LineStatus;
import dev.ordo.order.OrderModification;
import dev.ordo.order.OrderModification.LineChange;
import dev.ordo.order.OrderRecord;
import dev.ordo.payment.PaymentStore;
import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Line changes before shipping: fulfil-order's event subprocess "Order modified" re-reserves the
 * stock difference and re-plans the shipments (Task_ChangeLines), authorizes a higher total
 * (Task_AdjustAuthorization), re-labels changed shipments and voids the replaced authorization,
 * all inside the modification's transaction; and the race with the carrier's SHIPPED event.
 */
class LineChangeProcessTest extends ProcessTestSupport {
    @Autowired OrderModification modification;
    @Autowired PaymentStore payments;
    @Autowired SimulatedPaymentGateway paymentSimulator;
    @Autowired JdbcClient jdbc;

    /** Carrier ledger entries under {@code key}, or under {@code key:<digest>} (label keys end with a digest of the label's destination). */
    private int carrierLedger(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM sim_carrier_ledger WHERE idempotency_key = ? OR idempotency_key LIKE ?")
                .params(key, key + ":%").query(Integer.class).single();
    }

    private boolean change(String orderId, LineChange... lines) {
        return modification.modify(orderId, null, List.of(lines));
    }

    private static LineChange qty(String sku, int quantity) {
        return new LineChange(sku, quantity, null);
    }

    private OrderRecord.Line lineOf(String orderId, String sku) {
        return record(orderId).lines().stream().filter(l -> l.sku().equals(sku)).reduce((a, b) -> b).orElseThrow();
    }

    private static void assertRefused(Runnable call, int status, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(status);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    @Test
    void anIncreaseReservesTheDifferenceAuthorizesTheNewTotalRelabelsAndShipsAndCapturesIt() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        var before = shipmentsOf(orderId).get(0);
        assertThat(before.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);

        assertThat(change(orderId, qty(sku, 3))).isTrue();

        assertThat(lineOf(orderId, sku).quantity()).isEqualTo(3);
        assertThat(record(orderId).total()).isEqualByComparingTo("30.00");
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(3);
        var summary = payments.summary(orderId);
        assertThat(summary.held()).isEqualByComparingTo("30.00");
        assertThat(summary.voided()).isEqualByComparingTo("10.00");
        assertThat(paymentSimulator.ledgerEntries(orderId + ":authorize:modification-1:30.00")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntries(orderId + ":void:modification-1")).isEqualTo(1);
        var after = shipmentsOf(orderId).get(0);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.weightGrams()).isEqualTo(3600);
        assertThat(shipments.lines(after.id())).extracting(l -> l.quantity()).containsExactlyInAnyOrder(1, 2);
        assertThat(after.trackingNumber()).isNotEqualTo(before.trackingNumber());
        assertThat(carrierLedger(before.id() + ":cancel-label-1")).isEqualTo(1);
        assertThat(carrierLedger(before.id() + ":relabel-1:" + before.carrier())).isEqualTo(1);
        assertThat(passed(orderId)).contains("Task_ChangeLines", "Task_AdjustAuthorization",
                "Task_ApplyModification", "Task_VoidReplacedAuthorization", "Event_ModificationApplied");
        assertThat(eventsOf(orderId, "LINES_CHANGED")).hasSize(1);

        // The same request again: no second effect.
        assertThat(change(orderId, qty(sku, 3))).isFalse();
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isEqualTo(2);
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).hasSize(1);

        shipAndDeliver(orderId);
        assertThat(payments.summary(orderId).captured()).isEqualByComparingTo("30.00");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(2);
        assertThat(stockOf("us-east", sku).reserved()).isZero();
        assertThat(incidentsOf(orderId)).isEmpty();
    }

    @Test
    void aDecreaseFreesTheStockCapturesTheReducedTotalAndVoidsTheSurplus() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 3, "10.00"));
        runJobs(orderId);

        assertThat(change(orderId, qty(sku, 1))).isTrue();

        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(1);
        assertThat(record(orderId).total()).isEqualByComparingTo("10.00");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).as("no new authorization").isEqualTo(1);
        assertThat(shipments.lines(shipmentsOf(orderId).get(0).id())).extracting(l -> l.quantity()).containsExactly(1);
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).as("lighter parcel, new label").hasSize(1);

        shipAndDeliver(orderId);
        var summary = payments.summary(orderId);
        assertThat(summary.captured()).isEqualByComparingTo("10.00");
        assertThat(summary.voided()).isEqualByComparingTo("20.00");
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(4);
        assertThat(stockOf("us-east", sku).reserved()).isZero();
    }

    @Test
    void aLineIsAddedAndAnotherRemovedInOneChange() {
        String lamp = product(1000, 5, 0, 0);
        String mug = product(300, 5, 0, 0);
        String poster = product(200, 5, 0, 0);
        String orderId = place("tok_visa", line(lamp, 1, "10.00"), line(mug, 2, "5.00"));
        runJobs(orderId);

        assertThat(change(orderId, qty(lamp, 0), new LineChange(poster, 2, "7.50"))).isTrue();

        assertThat(lineOf(orderId, lamp).status()).isEqualTo(LineStatus.CANCELLED);
        assertThat(lineOf(orderId, poster).status()).isEqualTo(LineStatus.RESERVED);
        assertThat(lineOf(orderId, poster).unitPrice()).isEqualByComparingTo("7.50");
        assertThat(record(orderId).total()).isEqualByComparingTo("25.00");
        assertThat(stockOf("us-east", lamp).reserved()).isZero();
        assertThat(stockOf("us-east", poster).reserved()).isEqualTo(2);
        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipments.lines(shipment.id())).extracting(l -> l.sku() + "x" + l.quantity())
                .containsExactlyInAnyOrder(mug + "x2", poster + "x2");
        assertThat(shipment.weightGrams()).isEqualTo(1000);
        assertThat(payments.summary(orderId).held()).isEqualByComparingTo("25.00");

        // Adding the removed SKU back takes its old price.
        assertThat(change(orderId, qty(lamp, 1))).isTrue();
        assertThat(lineOf(orderId, lamp).unitPrice()).isEqualByComparingTo("10.00");
        assertThat(record(orderId).total()).isEqualByComparingTo("35.00");

        shipAndDeliver(orderId);
        assertThat(payments.summary(orderId).captured()).isEqualByComparingTo("35.00");
        assertThat(stockOf("us-east", poster).onHand()).isEqualTo(3);
        assertThat(incidentsOf(orderId)).isEmpty();
    }

    @Test
    void linesAreValidatedLikePlacementAndNothingChangesOnError() {
        String sku = product(1200, 5, 0, 0);
        String other = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);

        assertThatThrownBy(() -> change(orderId, qty(sku, 2), qty(other, 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.errors()).extracting(ApiException.FieldProblem::field).containsExactly("lines[1].unitPrice");
                });
        assertThatThrownBy(() -> change(orderId, qty("NO-SUCH-SKU", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.errors()).extracting(ApiException.FieldProblem::field).containsExactly("lines[0].sku");
                });
        assertThatThrownBy(() -> change(orderId, new LineChange(sku, 2, "12.00")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .extracting(ApiException.FieldProblem::field).containsExactly("lines[0].unitPrice"));
        assertRefused(() -> change(orderId, qty(sku, 0)), 409, "cannot remove every line");

        assertThat(record(orderId).lines()).hasSize(1);
        assertThat(lineOf(orderId, sku).quantity()).isEqualTo(1);
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(1);
        assertThat(eventsOf(orderId, "LINES_CHANGED")).isEmpty();
    }

    @Test
    void anIncreaseOutOfStockIsRefusedAndNothingChanges() {
        String sku = product(1200, 2, 9, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);

        // us-west has plenty, but the planned shipment leaves from us-east, which has 1 more.
        assertRefused(() -> change(orderId, qty(sku, 3)), 409, "not in stock");

        assertThat(lineOf(orderId, sku).quantity()).isEqualTo(1);
        assertThat(record(orderId).total()).isEqualByComparingTo("10.00");
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(1);
        assertThat(stockOf("us-west", sku).reserved()).isZero();
        assertThat(shipmentsOf(orderId).get(0).trackingNumber()).isEqualTo(shipment.trackingNumber());
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isEqualTo(1);
        assertThat(eventsOf(orderId, "LINES_CHANGED")).isEmpty();
        assertThat(incidentsOf(orderId)).isEmpty();
    }

    @Test
    void aDeclinedIncreaseIsRefusedAndNothingChanges() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);

        paymentSimulator.declineNext("AUTHORIZE");
        assertRefused(() -> change(orderId, qty(sku, 2)), 422, "declined");

        assertThat(lineOf(orderId, sku).quantity()).isEqualTo(1);
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(1);
        assertThat(payments.summary(orderId).held()).isEqualByComparingTo("10.00");
        assertThat(order(orderId).payment().status()).isEqualTo("AUTHORIZED");
        assertThat(shipmentsOf(orderId).get(0).trackingNumber()).isEqualTo(shipment.trackingNumber());
        assertThat(carrierLedger(shipment.id() + ":cancel-label-1")).as("the label was never touched").isZero();
        assertThat(incidentsOf(orderId)).isEmpty();

        shipAndDeliver(orderId);
        assertThat(payments.summary(orderId).captured()).isEqualByComparingTo("10.00");
    }

    @Test
    void aChangeBeforeTheFulfilmentReservesIsPickedUpByIt() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));

        assertThat(change(orderId, qty(sku, 2))).isTrue();
        runJobs(orderId);

        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(2);
        assertThat(payments.summary(orderId).held()).isEqualByComparingTo("20.00");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isEqualTo(1);
        assertThat(shipmentsOf(orderId).get(0).weightGrams()).isEqualTo(2400);
    }

    @Test
    void bothFulfilmentsOfAPartlyBackorderedOrderHearTheChangeAndItIsAppliedOnce() {
        String inStock = product(500, 2, 0, 0);
        String missing = product(500, 0, 0, 0);
        String orderId = place("tok_visa", line(inStock, 1, "40.00"), line(missing, 1, "20.00"));
        runJobs(orderId);
        assertThat(waitingAt(orderId)).contains("CallActivity_FulfilRemainder");

        assertThat(change(orderId, qty(inStock, 2), qty(missing, 2))).isTrue();

        assertThat(passed(orderId).stream().filter("Event_ModificationApplied"::equals)).as("main and remainder").hasSize(2);
        assertThat(stockOf("us-east", inStock).reserved()).isEqualTo(2);
        assertThat(lineOf(orderId, missing).status()).isEqualTo(LineStatus.BACKORDERED);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).as("authorized once more, not twice").isEqualTo(2);
        assertThat(payments.summary(orderId).held()).isEqualByComparingTo("120.00");
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).hasSize(1);

        stock.setOnHand("us-west", missing, 3);
        runJobs(orderId);
        assertThat(stockOf("us-west", missing).reserved()).as("the remainder reserves the new quantity").isEqualTo(2);
        shipAndDeliver(orderId);
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(payments.summary(orderId).captured()).isEqualByComparingTo("120.00");
        assertThat(incidentsOf(orderId)).isEmpty();
    }

    @Test
    void aChangeDuringReviewIsWhatThePartialShipmentDecisionSeesOnceFulfilmentStarts() {
        String lamp = "T-" + java.util.UUID.randomUUID().toString().substring(0, 12);
        catalog.saveProduct(new dev.ordo.catalog.CatalogStore.Product(lamp, "Lamp " + lamp, 500, "lighting", 0, false));
        stock.setOnHand("us-east", lamp, 5);
        String inStock = product(500, 5, 0, 0);
        String missing = product(500, 0, 0, 0);
        String orderId = place("tok_visa", line(lamp, 1, "1500.00"), line(inStock, 1, "10.00"), line(missing, 1, "10.00"));
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("IN_REVIEW");

        assertThat(change(orderId, qty(lamp, 0))).isTrue();

        assertThat(runtime.getVariables(instance(orderId).getId())).as("the order's process holds no copy of its facts").isEmpty();
        var review = taskOf(orderId, "Task_ReviewOrder");
        engine.getTaskService().complete(review.getId(), java.util.Map.of("reviewDecision", "approve", "reviewComment", "ok"));
        String fulfilment = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .processDefinitionKey("fulfil-order").singleResult().getId();
        assertThat(runtime.getVariable(fulfilment, "orderTotal")).as("the changed total, read from the order").isEqualTo(20.0);
        assertThat(runtime.getVariable(fulfilment, "productCategory")).as("was mixed").isEqualTo("test");
        runJobs(orderId);
        // partial-shipment: below 50 a regular customer's order waits for all of it; at 1520 it would ship what is there.
        assertThat(shipmentsOf(orderId)).as("nothing shipped ahead of the missing line").isEmpty();
        assertThat(lineOf(orderId, missing).status()).isEqualTo(LineStatus.BACKORDERED);
    }

    @Test
    void aPreorderWaitingForItsReleaseCannotChangeLinesYet() {
        String game = preorderProduct(java.time.LocalDate.now().plusDays(30), 5);
        String orderId = place("preorder", "regular", null, "tok_visa", line(game, 1, "59.99"));
        runJobs(orderId);
        assertThat(payments.summary(orderId).held()).isEqualByComparingTo("59.99");

        assertRefused(() -> change(orderId, qty(game, 2)), 409, "try again once its fulfilment has started");
        assertThat(lineOf(orderId, game).quantity()).isEqualTo(1);
        assertThat(record(orderId).total()).isEqualByComparingTo("59.99");
    }

    @Test
    void inASplitOrderOnlyTheChangedShipmentIsRelabelledAndEmptyingOneIsRefused() {
        String eastOnly = product(500, 3, 0, 0);
        String westOnly = product(500, 0, 3, 0);
        String orderId = place("tok_visa", line(eastOnly, 1, "10.00"), line(westOnly, 2, "5.00"));
        runJobs(orderId);
        var west = shipmentsOf(orderId).stream().filter(s -> s.warehouseId().equals("us-west")).findFirst().orElseThrow();

        assertThat(change(orderId, qty(eastOnly, 2))).isTrue();
        assertThat(eventsOf(orderId, "LABEL_REPLACED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).doesNotContain(west.id()));
        assertThat(shipments.get(west.id()).trackingNumber()).isEqualTo(west.trackingNumber());

        assertRefused(() -> change(orderId, qty(westOnly, 0)), 409, "nothing left to ship");
        assertThat(lineOf(orderId, westOnly).status()).isEqualTo(LineStatus.RESERVED);
        assertThat(stockOf("us-west", westOnly).reserved()).isEqualTo(2);

        // Once one shipment is with the carrier, lines no longer change (not even the other shipment's).
        carrierReports(west, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertRefused(() -> change(orderId, qty(eastOnly, 1)), 409, "handed to the carrier");
    }

    @Test
    void afterShippedLinesCannotChange() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId);
        carrierReports(shipmentsOf(orderId).get(0), CarrierEvents.Status.SHIPPED);
        runJobs(orderId);

        assertRefused(() -> change(orderId, qty(sku, 2)), 409, "handed to the carrier");
        assertThat(lineOf(orderId, sku).quantity()).isEqualTo(1);
    }

    @Test
    void digitalOrdersCannotChangeLines() {
        String sku = digitalProduct();
        String orderId = place("digital", "regular", null, "tok_visa", line(sku, 1, "10.00"));
        assertRefused(() -> change(orderId, qty(sku, 2)), 409, "cannot change lines");
    }

    @Test
    void aLineChangeRacingShippedHasExactlyOneOutcome() throws Exception {
        for (int round = 0; round < 20; round++) {
            String sku = product(1200, 5, 0, 0);
            String orderId = place("tok_visa", line(sku, 1, "10.00"));
            runJobs(orderId);
            var shipment = shipmentsOf(orderId).get(0);

            List<Object> outcomes = raceWithShipped(shipment, () -> change(orderId, qty(sku, 2)));
            runJobs(orderId);
            if (Boolean.TRUE.equals(outcomes.get(0))) {
                assertThat(outcomes.get(1)).as("round %d", round).isIn(false, 404);
                assertThat(shipmentsOf(orderId).get(0).status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
                assertThat(lineOf(orderId, sku).quantity()).isEqualTo(2);
                assertThat(stockOf("us-east", sku).reserved()).isEqualTo(2);
                assertThat(payments.summary(orderId).held()).isEqualByComparingTo("20.00");
                shipAndDeliver(orderId);
                assertThat(order(orderId).status()).isEqualTo("DELIVERED");
                assertThat(payments.summary(orderId).captured()).isEqualByComparingTo("20.00");
                assertThat(stockOf("us-east", sku).onHand()).isEqualTo(3);
            } else {
                assertThat(outcomes).as("round %d", round).containsExactly(409, true);
                assertThat(shipmentsOf(orderId).get(0).status()).isEqualTo(ShipmentStatus.SHIPPED);
                assertThat(lineOf(orderId, sku).quantity()).isEqualTo(1);
                assertThat(payments.summary(orderId).authorized()).isEqualByComparingTo("10.00");
                assertThat(payments.summary(orderId).captured()).isEqualByComparingTo("10.00");
                assertThat(stockOf("us-east", sku).onHand()).isEqualTo(4);
            }
            assertThat(stockOf("us-east", sku).reserved()).as("round %d", round).isZero();
            assertThat(payments.summary(orderId).open()).as("round %d: every held cent captured", round).isEqualByComparingTo("0");
            assertThat(incidentsOf(orderId)).as("round %d", round).isEmpty();
        }
    }
}
