package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.licence.LicenceStore;
import dev.ordo.licence.SimulatedLicenceGateway;
import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of processes/order-digital.bpmn (and the screen-order process it calls): digital goods
 * ship nothing, they are delivered as a licence key and download link per line.
 */
class DigitalOrderProcessTest extends ProcessTestSupport {
    @Autowired SimulatedPaymentGateway paymentSimulator;
    @Autowired SimulatedLicenceGateway licenceSimulator;
    @Autowired LicenceStore licences;
    @Autowired JdbcClient jdbc;

    @Test
    void paidDigitalOrderGetsALicencePerLineIsCapturedAtOnceAndDelivered() {
        String app = digitalProduct();
        String ebook = digitalProduct();
        String orderId = place("digital", "regular", null, "tok_visa", line(app, 1, "29.99"), line(ebook, 2, "5.00"));
        assertThat(order(orderId).status()).isEqualTo("RECEIVED");
        assertThat(order(orderId).shippingAddress()).isNull();
        assertThat(passed(orderId)).contains("Task_AssessRisk");
        assertThat(waitingAt(orderId)).contains("Task_AuthorizePayment");

        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_AssessRisk", "Event_ScreeningPassed", "Task_AuthorizePayment",
                        "Event_OrderConfirmed", "Task_IssueLicence", "Task_CapturePayment", "Event_OrderDelivered")
                .doesNotContain("Task_ReviewOrder", "Task_RouteFulfilment", "Task_ReserveStock", "Task_PlanShipments");
        var delivered = order(orderId);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.total()).isEqualTo("39.99");
        assertThat(delivered.payment().status()).isEqualTo("CAPTURED");
        assertThat(delivered.payment().authorized()).isEqualTo("39.99");
        assertThat(delivered.payment().captured()).isEqualTo("39.99");
        assertThat(delivered.shipments()).isEmpty();
        assertThat(shipmentsOf(orderId)).isEmpty();
        assertThat(delivered.lines()).extracting(l -> l.sku() + "=" + l.status())
                .as("a licence sent is the line delivered").containsExactlyInAnyOrder(app + "=SHIPPED", ebook + "=SHIPPED");
        assertThat(delivered.licences()).hasSize(2).allSatisfy(licence -> {
            assertThat(licence.licenceKey()).startsWith(licence.sku() + "-");
            assertThat(licence.downloadUrl()).startsWith("https://downloads.ordo.example/");
        });
        assertThat(delivered.licences()).extracting(LicenceStore.Licence::lineId)
                .containsExactlyInAnyOrderElementsOf(delivered.lines().stream().map(l -> l.lineId()).toList());
        assertThat(licences.ofOrder(orderId)).isEqualTo(delivered.licences());
        assertThat(licenceSimulator.issuedForOrder(orderId)).isEqualTo(2);
        assertThat(eventsOf(orderId, "LICENCE_ISSUED")).hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).contains("ada@example.com"));
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "CONFIRMED", "DELIVERED");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "CAPTURE")).as("captured in one go").isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntries(orderId + ":capture")).isEqualTo(1);
    }

    @Test
    void declinedDigitalOrderIsRejectedWithoutALicence() {
        String app = digitalProduct();
        String orderId = place("digital", "regular", null, "tok_declined", line(app, 1, "29.99"));
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_PaymentDeclined", "Event_OrderRejected")
                .doesNotContain("Event_OrderConfirmed", "Task_IssueLicence", "Task_CapturePayment");
        var rejected = order(orderId);
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.payment().status()).isEqualTo("DECLINED");
        assertThat(rejected.payment().authorized()).isEqualTo("0.00");
        assertThat(rejected.payment().captured()).isEqualTo("0.00");
        assertThat(rejected.licences()).isEmpty();
        assertThat(licenceSimulator.issuedForOrder(orderId)).isZero();
        assertThat(eventsOf(orderId, "PAYMENT_DECLINED")).hasSize(1);
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "REJECTED");
    }

    @Test
    void physicalProductInADigitalOrderIsRefusedAtPlacement() {
        String sofa = product(1200, 5, 0, 0);
        String app = digitalProduct();
        long ordersBefore = jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single();

        assertThatThrownBy(() -> place("digital", "regular", null, "tok_visa", line(sofa, 1, "10.00"), line(app, 1, "5.00")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                    assertThat(e.errors()).singleElement().satisfies(problem -> {
                        assertThat(problem.field()).isEqualTo("lines[0].sku");
                        assertThat(problem.message()).contains(sofa).contains("not a digital product");
                    });
                });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single()).as("no order created").isEqualTo(ordersBefore);
    }

    @Test
    void highValueDigitalOrderFromANewCustomerWaitsInReviewAndIsDeliveredWhenApproved() {
        String suite = digitalProduct();
        String orderId = place("digital", "regular", null, "tok_visa", line(suite, 1, "1200.00"));
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("IN_REVIEW");
        assertThat(waitingAt(orderId)).contains("Task_ReviewOrder");
        var task = taskOf(orderId, "Task_ReviewOrder");
        assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("orderReviewers").taskId(task.getId()).count())
                .isEqualTo(1);
        assertThat(order(orderId).payment().status()).isEqualTo("PENDING");
        assertThat(order(orderId).licences()).isEmpty();

        review(orderId, "approve", "long-standing reseller");
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_ReviewOrder", "Task_IssueLicence", "Event_OrderDelivered");
        var delivered = order(orderId);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.payment().status()).isEqualTo("CAPTURED");
        assertThat(delivered.payment().captured()).isEqualTo("1200.00");
        assertThat(delivered.licences()).singleElement().satisfies(l -> assertThat(l.sku()).isEqualTo(suite));
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "IN_REVIEW", "CONFIRMED", "DELIVERED");
    }

    @Test
    void reviewerRejectingADigitalOrderRejectsItWithoutChargingOrLicensing() {
        String suite = digitalProduct();
        String orderId = place("digital", "regular", null, "tok_visa", line(suite, 1, "1200.00"));
        runJobs(orderId);
        review(orderId, "reject", "card testing pattern");
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_RejectedInReview", "Event_OrderRejectedByScreening")
                .doesNotContain("Task_AuthorizePayment", "Task_IssueLicence");
        assertThat(order(orderId).status()).isEqualTo("REJECTED");
        assertThat(order(orderId).payment().status()).isEqualTo("PENDING");
        assertThat(order(orderId).licences()).isEmpty();
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).isZero();
        assertThat(licenceSimulator.issuedForOrder(orderId)).isZero();
    }

    @Test
    void licenceStepRetriedAfterTheCaptureFailedIssuesEachLicenceOnce() {
        String app = digitalProduct();
        String ebook = digitalProduct();
        String orderId = place("digital", "regular", null, "tok_visa", line(app, 1, "29.99"), line(ebook, 1, "9.99"));
        assertThat(runFailingJob(orderId)).as("authorization (screening ran in the placement)").isNull();
        assertThat(waitingAt(orderId)).contains("Task_IssueLicence");

        paymentSimulator.failNext("CAPTURE", SimulatedPaymentGateway.Fault.OUTAGE);
        assertThat(runFailingJob(orderId)).as("licences issued, then the capture in the same job fails").isNotNull()
                .hasMessageContaining(orderId);
        assertThat(licenceSimulator.issuedForOrder(orderId)).as("the licence service issued them").isEqualTo(2);
        var between = order(orderId);
        assertThat(between.licences()).as("Ordo's step rolled back").isEmpty();
        assertThat(eventsOf(orderId, "LICENCE_ISSUED")).isEmpty();
        assertThat(between.status()).isEqualTo("CONFIRMED");
        assertThat(between.payment().status()).isEqualTo("AUTHORIZED");
        assertThat(waitingAt(orderId)).contains("Task_IssueLicence");

        assertThat(runFailingJob(orderId)).as("the retry succeeds").isNull();
        assertThat(ended(orderId)).isTrue();
        assertThat(licenceSimulator.issuedForOrder(orderId)).as("no licence issued twice").isEqualTo(2);
        var delivered = order(orderId);
        assertThat(delivered.licences()).hasSize(2);
        assertThat(delivered.licences()).extracting(LicenceStore.Licence::sku).containsExactlyInAnyOrder(app, ebook);
        assertThat(eventsOf(orderId, "LICENCE_ISSUED")).hasSize(2);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.payment().status()).isEqualTo("CAPTURED");
        assertThat(delivered.payment().captured()).isEqualTo("39.98");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "CAPTURE")).isEqualTo(1);
    }
}
