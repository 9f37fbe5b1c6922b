package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.payment.SimulatedPaymentGateway;
import dev.ordo.returns.ReturnStore;
import dev.ordo.returns.Returns;
import dev.ordo.shipping.CarrierEvents;
import dev.ordo.web.ApiException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Every path of processes/return-order.bpmn: restock and write-off after inspection, a full and a
 * partial return, a repeated RETURN_RECEIVED event, an inspection without an outcome, and the
 * requests the rules refuse.
 */
class ReturnOrderProcessTest extends ProcessTestSupport {
    @Autowired Returns returns;
    @Autowired ReturnStore returnStore;
    @Autowired SimulatedPaymentGateway paymentSimulator;

    @Test
    void deliveredOrderReturnedInFullIsRestockedAndRefundedAndEndsReturned() {
        String sku = product(1200, 5, 0, 0);
        String orderId = delivered(sku, 2);
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(3);
        String lineId = record(orderId).lines().get(0).id();

        var requested = returns.request(WEB, orderId, "too big", List.of(new ReturnStore.Line(lineId, 2)));

        assertThat(requested.status()).isEqualTo("REQUESTED");
        assertThat(requested.trackingNumber()).isNotBlank();
        assertThat(requested.lines()).containsExactly(new ReturnStore.Line(lineId, 2));
        assertThat(waitingAt(orderId)).contains("Event_ReturnReceived");
        assertThat(eventsOf(orderId, "RETURN_LABEL_CREATED")).hasSize(1);

        assertThat(carrierEvents.handle(requested.trackingNumber(), CarrierEvents.Status.RETURN_RECEIVED, "test")).isTrue();
        assertThat(carrierEvents.handle(requested.trackingNumber(), CarrierEvents.Status.RETURN_RECEIVED, "again")).isFalse();
        assertThat(returnStore.get(requested.id()).status().name()).isEqualTo("RECEIVED");
        var task = taskOf(orderId, "Task_InspectReturn");
        assertThat(task).isNotNull();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("customerService").count()).isOne();
        Map<String, Object> shown = engine.getTaskService().getVariablesLocal(task.getId());
        assertThat(shown).containsEntry("orderId", orderId).containsEntry("returnReason", "too big");
        assertThat((String) shown.get("itemsReturned")).contains("2 x " + sku);

        inspect(orderId, "restock");
        runAllJobs(orderId);

        var done = returnStore.get(requested.id());
        assertThat(done.status().name()).isEqualTo("REFUNDED");
        assertThat(done.inspectionOutcome()).isEqualTo("restock");
        assertThat(done.refunded()).isEqualByComparingTo("39.98");
        assertThat(passed(orderId)).contains("Task_CreateReturnLabel", "Event_ReturnReceived", "Task_InspectReturn",
                "Task_RestockReturn", "Task_RefundReturn", "Event_ReturnCompleted");
        assertThat(order(orderId).status()).isEqualTo("RETURNED");
        assertThat(order(orderId).payment().status()).isEqualTo("REFUNDED");
        assertThat(order(orderId).payment().refunded()).isEqualTo("39.98");
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(5);
        assertThat(paymentSimulator.ledgerEntriesOfOrder(orderId, "REFUND")).isEqualTo(1);
        assertThat(returns.find(WEB, orderId, requested.id()).orElseThrow().status()).isEqualTo("REFUNDED");
    }

    @Test
    void partialReturnWrittenOffIsRefundedWithoutStockAndASecondReturnCompletesIt() {
        String sku = product(500, 5, 0, 0);
        String orderId = delivered(sku, 2);
        String lineId = record(orderId).lines().get(0).id();

        var first = returns.request(WEB, orderId, "broken", List.of(new ReturnStore.Line(lineId, 1)));
        carrierEvents.handle(first.trackingNumber(), CarrierEvents.Status.RETURN_RECEIVED, "test");
        inspect(orderId, "write_off");
        runAllJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("PARTIALLY_RETURNED");
        assertThat(order(orderId).payment().status()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(order(orderId).payment().refunded()).isEqualTo("19.99");
        assertThat(stockOf("us-east", sku).onHand()).as("written off, not restocked").isEqualTo(3);
        assertThat(passed(orderId)).doesNotContain("Task_RestockReturn");
        assertThat(returnStore.get(first.id()).inspectionOutcome()).isEqualTo("write_off");

        assertThatThrownBy(() -> returns.request(WEB, orderId, null, List.of(new ReturnStore.Line(lineId, 2))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));

        var second = returns.request(WEB, orderId, null, List.of(new ReturnStore.Line(lineId, 1)));
        carrierEvents.handle(second.trackingNumber(), CarrierEvents.Status.RETURN_RECEIVED, "test");
        inspect(orderId, "restock");
        runAllJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("RETURNED");
        assertThat(order(orderId).payment().status()).isEqualTo("REFUNDED");
        assertThat(order(orderId).payment().refunded()).isEqualTo("39.98");
        assertThat(stockOf("us-east", sku).onHand()).isEqualTo(4);
        assertThatThrownBy(() -> returns.request(WEB, orderId, null, List.of(new ReturnStore.Line(lineId, 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void inspectionWithoutAnOutcomeCannotBeCompleted() {
        String sku = product(500, 5, 0, 0);
        String orderId = delivered(sku, 1);
        String lineId = record(orderId).lines().get(0).id();
        var requested = returns.request(WEB, orderId, null, List.of(new ReturnStore.Line(lineId, 1)));
        carrierEvents.handle(requested.trackingNumber(), CarrierEvents.Status.RETURN_RECEIVED, "test");
        var task = taskOf(orderId, "Task_InspectReturn");

        assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of("inspectionOutcome", "maybe")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("restock or write_off");

        assertThat(taskOf(orderId, "Task_InspectReturn")).isNotNull();
        assertThat(returnStore.get(requested.id()).status().name()).isEqualTo("RECEIVED");
    }

    @Test
    void unshippedGoodsUnknownLinesAndUnknownReturnLabelsAreRefused() {
        String sku = product(500, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "10.00"));
        runJobs(orderId); // CONFIRMED, label created, not handed to the carrier
        String lineId = record(orderId).lines().get(0).id();

        assertThatThrownBy(() -> returns.request(WEB, orderId, null, List.of(new ReturnStore.Line(lineId, 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> returns.request(WEB, orderId, null, List.of(new ReturnStore.Line("no-such-line", 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        var otherChannel = new dev.ordo.security.ApiClient("other", dev.ordo.security.Role.STOREFRONT, "other-channel");
        assertThatThrownBy(() -> returns.request(otherChannel, orderId, null, List.of(new ReturnStore.Line(lineId, 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> carrierEvents.handle("NO-SUCH-RETURN", CarrierEvents.Status.RETURN_RECEIVED, "test"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("return-order").processInstanceBusinessKey(orderId).count()).isZero();
    }

    /** Places an order of {@code quantity} x 19.99 of {@code sku} and drives it to DELIVERED. */
    private String delivered(String sku, int quantity) {
        String orderId = place("tok_visa", line(sku, quantity, "19.99"));
        runJobs(orderId);
        var shipment = shipmentsOf(orderId).get(0);
        carrierReports(shipment, CarrierEvents.Status.SHIPPED);
        runJobs(orderId);
        carrierReports(shipment, CarrierEvents.Status.DELIVERED);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("DELIVERED");
        return orderId;
    }

    private void inspect(String orderId, String outcome) {
        var task = taskOf(orderId, "Task_InspectReturn");
        if (task == null) throw new AssertionError("order " + orderId + " has no return to inspect");
        engine.getTaskService().complete(task.getId(), Map.of("inspectionOutcome", outcome, "inspectionComment", "checked"));
    }

    /** Runs the due jobs of every process of the order, its returns included. */
    private void runAllJobs(String orderId) {
        for (int round = 0; round < 100; round++) {
            List<Job> due = instancesOf(orderId).stream()
                    .flatMap(id -> management.createJobQuery().processInstanceId(id).executable().list().stream()).toList();
            if (due.isEmpty()) return;
            due.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("jobs of order " + orderId + " did not settle");
    }
}
