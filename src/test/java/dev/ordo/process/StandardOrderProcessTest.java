package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.SimulatedCarrierGateway;
import java.util.List;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of processes/order-standard.bpmn, with real delegates, simulators and database. */
class StandardOrderProcessTest extends ProcessTestSupport {
    @Autowired SimulatedPaymentGateway paymentSimulator;
    @Autowired SimulatedCarrierGateway carrierSimulator;
    @Autowired JdbcClient jdbc;
    @Value("${ordo.jobs.retry-cycle}") String retryCycle;

    @Test
    void paidOrderInStockIsShippedCapturedAndDelivered() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "19.99"));
        ProcessInstance process = instance(orderId);
        assertThat(order(orderId).status()).isEqualTo("RECEIVED");
        assertThat(process).isWaitingAt("Task_RouteFulfilment");

        runJobs(orderId);
        assertThat(process).isWaitingAt("Event_ShipmentShipped");
        var confirmed = order(orderId);
        assertThat(confirmed.status()).isEqualTo("CONFIRMED");
        assertThat(confirmed.payment().status()).isEqualTo("AUTHORIZED");
        assertThat(confirmed.payment().authorized()).isEqualTo("39.98");
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(2);
        var shipment = shipmentsOf(orderId).get(0);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(shipment.warehouseId()).isEqualTo("us-east");
        assertThat(shipment.carrier()).isEqualTo("UPS");
        assertThat(shipment.trackingNumber()).isNotBlank();

        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        assertThat(order(orderId).status()).isEqualTo("SHIPPED");
        runJobs(orderId);
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(3);
        assertThat(stockOf("us-east", sku).reserved()).isZero();
        assertThat(process).isWaitingAt("Event_ShipmentDelivered");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        assertThat(order(orderId).payment().captured()).isEqualTo("39.98");

        carrierReports(shipment, CarrierEvents.Status.IN_TRANSIT);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        assertThat(process).isEnded().hasPassed("Event_OrderDelivered");
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "CAPTURE")).isEqualTo(1);
        assertThat(carrierSimulator.labelsOfShipment(shipment.id())).isEqualTo(1);
    }

    @Test
    void orderNoSingleWarehouseCanFillIsSplitIntoOneShipmentPerWarehouseAndCapturedPerShipment() {
        String eastOnly = product(500, 3, 0, 0);
        String westOnly = product(500, 0, 3, 0);
        String orderId = place("tok_visa", line(eastOnly, 1, "10.00"), line(westOnly, 2, "5.00"));
        ProcessInstance process = instance(orderId);
        runJobs(orderId);

        var shipments = shipmentsOf(orderId);
        assertThat(shipments).extracting(s -> s.warehouseId()).containsExactlyInAnyOrder("us-east", "us-west");
        var east = shipments.stream().filter(s -> s.warehouseId().equals("us-east")).findFirst().orElseThrow();
        var west = shipments.stream().filter(s -> s.warehouseId().equals("us-west")).findFirst().orElseThrow();

        carrierReports(east, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("PARTIALLY_SHIPPED");
        assertThat(order(orderId).payment().status()).isEqualTo("PARTIALLY_CAPTURED");
        assertThat(order(orderId).payment().captured()).isEqualTo("10.00");

        carrierReports(west, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("SHIPPED");
        assertThat(order(orderId).payment().captured()).isEqualTo("20.00");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");

        carrierReports(east, CarrierEvents.Status.DELIVERED);
        assertThat(process).isNotEnded();
        carrierReports(west, CarrierEvents.Status.DELIVERED);
        assertThat(process).isEnded();
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
    }

    @Test
    void declinedPaymentReleasesTheReservationAndRejectsTheOrder() {
        String sku = product(1200, 4, 0, 0);
        String orderId = place("tok_declined", line(sku, 3, "7.50"));
        ProcessInstance process = instance(orderId);
        runJobs(orderId);

        assertThat(process).isEnded().hasPassed("Task_ReserveStock", "Event_PaymentDeclined", "Task_ReleaseStock", "Event_OrderRejected")
                .hasNotPassed("Task_PlanShipments");
        var rejected = order(orderId);
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.payment().status()).isEqualTo("DECLINED");
        assertThat(rejected.lines()).allSatisfy(l -> assertThat(l.status()).isEqualTo("CANCELLED"));
        assertThat(stockOf("us-east", sku).reserved()).isZero();
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(4);
    }

    @Test
    void unavailablePaymentGatewayEndsInAnIncidentNamingOrderAdapterAndCauseAfterTheRetries() {
        String sku = product(1200, 4, 0, 0);
        String orderId = place("tok_unavailable", line(sku, 1, "7.50"));
        ProcessInstance process = instance(orderId);
        assertThat(runFailingJob(orderId)).as("routing and reservation succeed").isNull();

        int attempts = 0;
        while (management.createJobQuery().rootProcessInstanceId(pid(orderId)).withRetriesLeft().count() > 0) {
            assertThat(runFailingJob(orderId)).as("authorization attempt %d fails", attempts + 1).isNotNull();
            attempts++;
        }
        int configuredAttempts = Integer.parseInt(retryCycle.substring(1, retryCycle.indexOf('/')));
        assertThat(attempts).as("attempts before the incident, per ordo.jobs.retry-cycle " + retryCycle)
                .isEqualTo(configuredAttempts);
        Incident incident = runtime.createIncidentQuery().processInstanceId(process.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Task_AuthorizePayment");
        assertThat(incident.getIncidentMessage()).contains("Order " + orderId).contains("payment gateway")
                .contains("unavailable");
        assertThat(process).isWaitingAt("Task_AuthorizePayment");
        assertThat(order(orderId).status()).isEqualTo("RECEIVED");
        assertThat(order(orderId).payment().status()).isEqualTo("PENDING");
    }

    @Test
    void orderWithoutStockWaitsBackorderedAndGoesOnWhenStockArrives() {
        String sku = product(1200, 0, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "12.00"));
        ProcessInstance process = instance(orderId);
        runJobs(orderId);
        assertThat(process).isWaitingAt("Gateway_AwaitStock");
        assertThat(order(orderId).status()).isEqualTo("BACKORDERED");
        assertThat(order(orderId).payment().status()).isEqualTo("AUTHORIZED");

        stock.setOnHand("us-west", sku, 1); // not enough yet: still waiting
        runJobs(orderId);
        assertThat(process).isWaitingAt("Gateway_AwaitStock");
        assertThat(stockOf("us-west", sku).reserved()).isZero();

        stock.setOnHand("us-west", sku, 5);
        runJobs(orderId);
        assertThat(process).isWaitingAt("Event_ShipmentShipped");
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(stockOf("us-west", sku).reserved()).isEqualTo(2);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).as("authorized once").isEqualTo(1);
    }

    @Test
    void backorderThatTimesOutIsCancelledWithItsAuthorizationVoided() {
        String sku = product(1200, 0, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "30.00"));
        ProcessInstance process = instance(orderId);
        runJobs(orderId);
        assertThat(process).isWaitingAt("Gateway_AwaitStock");

        Job timer = management.createJobQuery().rootProcessInstanceId(process.getId()).timers().singleResult();
        assertThat(timer.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 13L * 24 * 3600 * 1000));
        management.executeJob(timer.getId());
        runJobs(orderId);

        assertThat(process).isEnded().hasPassed("Event_BackorderExpired", "Task_VoidPayment", "Event_OrderCancelled");
        var cancelled = order(orderId);
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.payment().status()).isEqualTo("VOIDED");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).isEqualTo(1);
    }

    @Test
    void primaryCarrierFailingToCreateALabelHandsTheShipmentToTheFallbackCarrier() {
        String sku = product(1200, 5, 0, 0); // 1.2 kg within the US by standard: UPS, fallback FEDEX
        carrierSimulator.setAvailable("UPS", false);
        try {
            String orderId = place("tok_visa", line(sku, 1, "9.00"));
            ProcessInstance process = instance(orderId);
            runJobs(orderId);
            assertThat(process).hasPassed("Event_PrimaryCarrierFailed", "Task_CreateFallbackLabel")
                    .isWaitingAt("Event_ShipmentShipped");
            var shipment = shipmentsOf(orderId).get(0);
            assertThat(shipment.carrier()).isEqualTo("FEDEX");
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
            assertThat(orders.timeline(orderId)).anySatisfy(e -> assertThat(e.type()).isEqualTo("CARRIER_FAILED"));
        } finally {
            carrierSimulator.setAvailable("UPS", true);
        }
    }

    @Test
    void deliveryReportedBeforeTheCaptureRanEndsTheShipmentWithoutWaiting() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "9.00"));
        ProcessInstance process = instance(orderId);
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);

        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED); // the capture job has not run yet
        runJobs(orderId);

        assertThat(process).isEnded().hasPassed("Task_CapturePayment", "Event_OrderDelivered")
                .hasNotPassed("Event_ShipmentDelivered");
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
    }

    @Test
    void captureRetriedAfterTheProvidersResponseWasLostChargesOnlyOnce() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "25.00"));
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);
        carrierReports(shipment, CarrierEvents.Status.SHIPPED);

        paymentSimulator.failNext("CAPTURE", SimulatedPaymentGateway.Fault.LOST_RESPONSE);
        assertThat(runFailingJob(orderId)).as("first capture attempt loses the response").isNotNull();
        String captureKey = orderId + ":capture:" + shipment.id();
        assertThat(paymentSimulator.ledgerEntries(captureKey)).as("the provider charged on the first attempt").isEqualTo(1);
        assertThat(order(orderId).payment().captured()).as("Ordo's step rolled back").isEqualTo("0.00");

        assertThat(runFailingJob(orderId)).as("the retry succeeds").isNull();
        assertThat(paymentSimulator.ledgerEntries(captureKey)).as("still one charge at the provider").isEqualTo(1);
        assertThat(order(orderId).payment().captured()).isEqualTo("25.00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payments WHERE order_id = ? AND kind = 'CAPTURE'").param(orderId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void repeatedCarrierEventIsAcceptedWithoutASecondEffect() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "9.00"));
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);

        assertThat(carrierEvents.handle(shipment.trackingNumber(), CarrierEvents.Status.SHIPPED, "first")).isTrue();
        assertThat(carrierEvents.handle(shipment.trackingNumber(), CarrierEvents.Status.SHIPPED, "again")).isFalse();
        runJobs(orderId);

        assertThat(stockOf("us-east", sku).onHand()).as("stock committed once").isEqualTo(4);
        List<String> shipped = orders.timeline(orderId).stream().map(e -> e.type()).filter("SHIPMENT_SHIPPED"::equals).toList();
        assertThat(shipped).hasSize(1);
    }
}
