package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.shipping.ShipmentStatus;
import dev.ordo.shipping.SimulatedCarrierGateway;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of processes/order-standard.bpmn and the shared processes it calls (screen-order,
 * fulfil-order, ship-from-warehouse), with real delegates, simulators and database.
 */
class StandardOrderProcessTest extends ProcessTestSupport {
    @Autowired SimulatedPaymentGateway paymentSimulator;
    @Autowired SimulatedCarrierGateway carrierSimulator;
    @Autowired JdbcClient jdbc;
    @Autowired dev.ordo.order.OrderFacts facts;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
    @Value("${ordo.jobs.retry-cycle}") String retryCycle;

    @Test
    void paidOrderInStockIsShippedCapturedAndDelivered() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "19.99"));
        assertThat(order(orderId).status()).isEqualTo("RECEIVED");
        assertThat(passed(orderId)).as("screened while placed: no adapter call, no job of its own").contains("Task_AssessRisk");
        assertThat(waitingAt(orderId)).contains("CallActivity_FulfilOrder", "Task_RouteFulfilment");

        runJobs(orderId);
        assertThat(waitingAt(orderId)).as("one shipment, nothing left: the short path, no parallel branches, no loop")
                .contains("CallActivity_FulfilOrder", "CallActivity_ShipShipment", "Event_ShipmentShipped")
                .doesNotContain("CallActivity_ShipShipments", "Gateway_JoinShipping");
        assertThat(passed(orderId)).contains("Task_AssessRisk", "Task_RouteFulfilment", "Task_ReserveStock",
                "Task_AuthorizePayment", "Task_PlanShipments", "Task_CreateShippingLabel").doesNotContain("Task_ReviewOrder");
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
        assertThat(waitingAt(orderId)).contains("Gateway_DeliveredOrException"); // delivered, or an exception
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        assertThat(order(orderId).payment().captured()).isEqualTo("39.98");

        carrierReports(shipment, CarrierEvents.Status.IN_TRANSIT);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);
        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).as("everything captured: the order ends without a void job")
                .contains("Event_OrderDelivered").doesNotContain("Task_VoidUncapturedAmount");
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
        assertThat(statusesOf(orderId)).containsExactly("RECEIVED", "CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "CAPTURE")).isEqualTo(1);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "VOID")).as("nothing left to void").isZero();
        assertThat(carrierSimulator.labelsOfShipment(shipment.id())).isEqualTo(1);
    }

    @Test
    void aNewOrderHoldsNoVariablesItsCalledProcessesGetTheOrdersFactsFromItsRow() {
        String sku = product(1200, 5, 0, 0);
        String orderId = placeBilledIn("DE", "tok_visa", line(sku, 2, "10.00"));
        assertThat(assertCallActivitiesFindTheirSources(orderId))
                .as("the order's facts are read from its row (orderFacts), not copied from thirteen variables of every order")
                .isEmpty();
        String fulfilment = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .processDefinitionKey("fulfil-order").singleResult().getId();
        assertThat(runtime.getVariables(fulfilment)).containsEntry("orderId", orderId).containsEntry("orderType", "standard")
                .containsEntry("orderTotal", 20.0).containsEntry("customerTier", "regular")
                .containsEntry("destinationCountry", "US").containsEntry("destinationRegion", "NJ")
                .containsEntry("shippingMethod", "standard").containsEntry("productCategory", "test")
                .containsEntry("backorderWait", "PT336H").containsEntry("paymentAuthorized", false);
        var screening = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .processDefinitionKey("screen-order").singleResult();
        assertThat(screening.getState()).as("a 20.00 order passes screening").isEqualTo("COMPLETED");
    }

    @Test
    void theOrdersFactsAreReadOncePerTransactionUntilItsLinesChange() {
        String orderId = place("tok_visa", line(product(1200, 5, 0, 0), 2, "10.00"));
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            var first = facts.of(orderId);
            assertThat(facts.of(orderId)).as("the second call activity of a transaction reuses the first read").isSameAs(first);
            orders.setTotal(orderId, new java.math.BigDecimal("30.00"), "mixed");
            assertThat(facts.of(orderId)).as("read again after the lines changed")
                    .containsEntry("orderTotal", 30.0).containsEntry("productCategory", "mixed");
        });
        assertThat(facts.of(orderId)).as("outside a transaction: read from the row").containsEntry("orderTotal", 30.0);
    }

    @Test
    void theRiskCheckSeesANewCustomerAndABillingCountryOtherThanTheShippingCountryFromTheOrdersRow() {
        String orderId = placeBilledIn("DE", "tok_visa", line(product(1200, 5, 0, 0), 1, "1500.00"));
        assertThat(order(orderId).status()).as("order-risk: new customer, 1500.00, billed abroad").isEqualTo("IN_REVIEW");
        String screening = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .processDefinitionKey("screen-order").singleResult().getId();
        assertThat(runtime.getVariables(screening)).containsEntry("newCustomer", true).containsEntry("addressMismatch", true)
                .containsEntry("orderTotal", 1500.0);
    }

    @Test
    void orderNoSingleWarehouseCanFillIsSplitIntoOneShipmentPerWarehouseAndCapturedPerShipment() {
        String eastOnly = product(500, 3, 0, 0);
        String westOnly = product(500, 0, 3, 0);
        String orderId = place("tok_visa", line(eastOnly, 1, "10.00"), line(westOnly, 2, "5.00"));
        runJobs(orderId);

        var shipments = shipmentsOf(orderId);
        assertThat(shipments).extracting(s -> s.warehouseId()).containsExactlyInAnyOrder("us-east", "us-west");
        assertThat(waitingAt(orderId)).as("two shipments: the general path, one loop instance each")
                .contains("CallActivity_ShipShipments", "Gateway_JoinShipping").doesNotContain("CallActivity_ShipShipment");
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
        runJobs(orderId);
        assertThat(ended(orderId)).isFalse();
        carrierReports(west, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);
        assertThat(ended(orderId)).isTrue();
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
    }

    @Test
    void orderOf50OrMoreWithPartOfItsStockMissingShipsWhatIsThereAndTheRestAfterARestock() {
        String inStock = product(500, 2, 0, 0);
        String missing = product(500, 0, 0, 0);
        String orderId = place("tok_visa", line(inStock, 1, "40.00"), line(missing, 1, "20.00"));
        runJobs(orderId);

        assertThat(passed(orderId)).contains("Task_DecidePartialShipment");
        assertThat(shipmentsOf(orderId)).hasSize(1);
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(order(orderId).lines()).extracting(l -> l.sku() + "=" + l.status())
                .containsExactlyInAnyOrder(inStock + "=RESERVED", missing + "=BACKORDERED");
        var first = shipmentsOf(orderId).get(0);
        carrierReports(first, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        assertThat(order(orderId).status()).as("the rest is still backordered").isEqualTo("PARTIALLY_SHIPPED");
        assertThat(order(orderId).payment().captured()).isEqualTo("40.00");

        stock.setOnHand("us-west", missing, 3);
        runJobs(orderId);
        assertThat(shipmentsOf(orderId)).hasSize(2);
        var second = shipmentsOf(orderId).stream().filter(s -> s.warehouseId().equals("us-west")).findFirst().orElseThrow();
        carrierReports(second, CarrierEvents.Status.SHIPPED);
        carrierReports(first, CarrierEvents.Status.DELIVERED);
        carrierReports(second, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        assertThat(order(orderId).payment().captured()).isEqualTo("60.00");
        assertThat(order(orderId).payment().status()).isEqualTo("CAPTURED");
    }

    @Test
    void orderUnder50WithPartOfItsStockMissingWaitsForEverythingHoldingWhatIsThere() {
        String inStock = product(500, 2, 0, 0);
        String missing = product(500, 0, 0, 0);
        String orderId = place("tok_visa", line(inStock, 1, "20.00"), line(missing, 1, "10.00"));
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("BACKORDERED");
        assertThat(shipmentsOf(orderId)).isEmpty();
        assertThat(stockOf("us-east", inStock).reserved()).as("what is there stays held").isEqualTo(1);

        stock.setOnHand("us-east", missing, 1);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(shipmentsOf(orderId)).hasSize(1);
        assertThat(shipmentsOf(orderId).get(0).warehouseId()).isEqualTo("us-east");
    }

    @Test
    void smallVipOrderWithAMissingLineShipsTheRestAndVoidsExactlyTheMissingShare() {
        String inStock = product(500, 2, 0, 0);
        String missing = product(500, 0, 0, 0);
        String orderId = placeAs("vip", "tok_visa", line(inStock, 1, "20.00"), line(missing, 1, "10.00"));
        runJobs(orderId);

        assertThat(passed(orderId)).contains("Task_CancelMissingLines");
        assertThat(order(orderId).lines()).extracting(l -> l.sku() + "=" + l.status())
                .containsExactlyInAnyOrder(inStock + "=RESERVED", missing + "=CANCELLED");
        var shipment = shipmentsOf(orderId).get(0);
        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).as("the missing share is still authorized at the end").contains("Task_VoidUncapturedAmount");
        var delivered = order(orderId);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.payment().captured()).isEqualTo("20.00");
        assertThat(delivered.payment().status()).isEqualTo("CAPTURED");
        assertThat(jdbc.sql("SELECT amount FROM payments WHERE order_id = ? AND kind = 'VOID'").param(orderId)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("10.00");
    }

    @Test
    void backorderedRemainderThatNeverArrivesIsCancelledAndOnlyItsShareVoided() {
        String inStock = product(500, 2, 0, 0);
        String missing = product(500, 0, 0, 0);
        String orderId = place("tok_visa", line(inStock, 1, "40.00"), line(missing, 1, "20.00"));
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);
        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);
        assertThat(ended(orderId)).as("waits for the remainder").isFalse();

        Job timer = management.createJobQuery().rootProcessInstanceId(pid(orderId)).timers().singleResult();
        management.executeJob(timer.getId());
        runJobs(orderId);

        assertThat(passed(orderId)).contains("Event_BackorderExpired", "Task_CancelUnavailableLines", "Event_OrderDelivered");
        var delivered = order(orderId);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.lines()).extracting(l -> l.status()).containsExactlyInAnyOrder("SHIPPED", "CANCELLED");
        assertThat(delivered.payment().captured()).isEqualTo("40.00");
        assertThat(jdbc.sql("SELECT amount FROM payments WHERE order_id = ? AND kind = 'VOID'").param(orderId)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("20.00");
    }

    @Test
    void highValueOrderFromANewCustomerWaitsInReviewAndGoesOnWhenApproved() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "1500.00"));
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("IN_REVIEW");
        var task = taskOf(orderId, "Task_ReviewOrder");
        assertThat(task).isNotNull();
        Map<String, Object> formData = engine.getTaskService().getVariablesLocal(task.getId());
        assertThat(formData).containsEntry("orderId", orderId).containsEntry("orderTotalText", "1500.00 USD")
                .containsKeys("customerEmail", "itemsSummary", "shippingSummary", "riskReason");
        assertThat(engine.getTaskService().createTaskQuery().taskCandidateGroup("orderReviewers").taskId(task.getId()).count()).isEqualTo(1);

        assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of("reviewDecision", "approve")))
                .hasMessageContaining("comment");
        engine.getTaskService().complete(task.getId(), Map.of("reviewDecision", "approve", "reviewComment", "known fraud-free address"));
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(orders.timeline(orderId)).anySatisfy(e -> assertThat(e.detail()).contains("known fraud-free address"));
    }

    @Test
    void reviewerRejectingAnOrderRejectsItWithoutReservingOrCharging() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "1500.00"));
        runJobs(orderId);
        var task = taskOf(orderId, "Task_ReviewOrder");
        engine.getTaskService().complete(task.getId(), Map.of("reviewDecision", "reject", "reviewComment", "stolen card pattern"));
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_RejectedInReview", "Event_OrderRejectedByScreening").doesNotContain("Task_ReserveStock");
        assertThat(order(orderId).status()).isEqualTo("REJECTED");
        assertThat(order(orderId).payment().status()).isEqualTo("PENDING");
        assertThat(stockOf("us-east", sku).reserved()).isZero();
    }

    @Test
    void veryLargeOrderFromANewCustomerShippingAbroadFromItsBillingCountryIsRejectedByTheRiskRules() {
        String sku = product(1200, 5, 0, 0);
        String orderId = placeBilledIn("DE", "tok_visa", line(sku, 1, "6000.00"));
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_RejectedByRisk");
        assertThat(order(orderId).status()).isEqualTo("REJECTED");
    }

    @Test
    void declinedPaymentReleasesTheReservationAndRejectsTheOrder() {
        String sku = product(1200, 4, 0, 0);
        String orderId = place("tok_declined", line(sku, 3, "7.50"));
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_ReserveStock", "Event_PaymentDeclined", "Task_ReleaseStock", "Event_OrderRejected")
                .doesNotContain("Task_PlanShipments");
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
        assertThat(runFailingJob(orderId)).as("routing and reservation succeed (screening ran in the placement)").isNull();

        int attempts = 0;
        while (management.createJobQuery().rootProcessInstanceId(pid(orderId)).withRetriesLeft().count() > 0) {
            assertThat(runFailingJob(orderId)).as("authorization attempt %d fails", attempts + 1).isNotNull();
            attempts++;
        }
        int configuredAttempts = Integer.parseInt(retryCycle.substring(1, retryCycle.indexOf('/')));
        assertThat(attempts).as("attempts before the incident, per ordo.jobs.retry-cycle " + retryCycle)
                .isEqualTo(configuredAttempts);
        List<Incident> incidents = incidentsOf(orderId);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_AuthorizePayment");
        assertThat(incidents.get(0).getIncidentMessage()).contains("Order " + orderId).contains("payment gateway")
                .contains("unavailable");
        assertThat(waitingAt(orderId)).contains("Task_AuthorizePayment");
        assertThat(order(orderId).status()).isEqualTo("RECEIVED");
        assertThat(order(orderId).payment().status()).isEqualTo("PENDING");
    }

    @Test
    void orderWithoutStockWaitsBackorderedAndGoesOnWhenStockArrives() {
        String sku = product(1200, 0, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "12.00"));
        runJobs(orderId);
        assertThat(waitingAt(orderId)).contains("Gateway_AwaitStock");
        assertThat(order(orderId).status()).isEqualTo("BACKORDERED");
        assertThat(order(orderId).payment().status()).isEqualTo("AUTHORIZED");

        stock.setOnHand("us-west", sku, 1); // not enough yet: still waiting
        runJobs(orderId);
        assertThat(waitingAt(orderId)).contains("Gateway_AwaitStock");
        assertThat(stockOf("us-west", sku).reserved()).isZero();

        stock.setOnHand("us-west", sku, 5);
        runJobs(orderId);
        assertThat(waitingAt(orderId)).contains("Event_ShipmentShipped");
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(stockOf("us-west", sku).reserved()).isEqualTo(2);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "AUTHORIZE")).as("authorized once").isEqualTo(1);
    }

    @Test
    void backorderThatTimesOutIsCancelledWithItsAuthorizationVoided() {
        String sku = product(1200, 0, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "30.00"));
        runJobs(orderId);
        assertThat(waitingAt(orderId)).contains("Gateway_AwaitStock");

        Job timer = management.createJobQuery().rootProcessInstanceId(pid(orderId)).timers().singleResult();
        assertThat(timer.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 13L * 24 * 3600 * 1000));
        management.executeJob(timer.getId());
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Event_BackorderExpired", "Task_VoidPayment", "Event_OrderCancelled");
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
            runJobs(orderId);
            assertThat(passed(orderId)).contains("Event_PrimaryCarrierFailed", "Task_CreateFallbackLabel");
            assertThat(waitingAt(orderId)).contains("Event_ShipmentShipped");
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
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);

        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED); // the capture job has not run yet
        runJobs(orderId);

        assertThat(ended(orderId)).isTrue();
        assertThat(passed(orderId)).contains("Task_CapturePayment", "Event_OrderDelivered").doesNotContain("Event_ShipmentDelivered");
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
