package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.order.HoldStore;
import dev.ordo.order.OrderCancellation;
import dev.ordo.order.OrderHolds;
import dev.ordo.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Fulfilment holds: Task_CheckHolds / Gateway_OnHold / Event_HoldReleased of fulfil-order. */
class HoldProcessTest extends ProcessTestSupport {
    @Autowired OrderHolds holds;
    @Autowired OrderCancellation cancellation;

    @Test
    void aHeldOrderWaitsOnHoldWithoutShipmentsUntilReleased() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 2, "19.99"));
        var hold = holds.place(orderId, HoldStore.Reason.FRAUD_CHECK, "card used in two countries");
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("ON_HOLD");
        assertThat(order(orderId).holds()).extracting(h -> h.reason()).containsExactly("FRAUD_CHECK");
        assertThat(shipmentsOf(orderId)).isEmpty();
        assertThat(waitingAt(orderId)).contains("Event_HoldReleased");
        assertThat(stockOf("us-east", sku).reserved()).isEqualTo(2);

        holds.release(orderId, hold.id());
        runJobs(orderId);

        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(order(orderId).holds()).isEmpty();
        assertThat(shipmentsOf(orderId)).hasSize(1);
        assertThat(statusesOf(orderId)).containsSubsequence("ON_HOLD", "CONFIRMED");
        assertThat(passed(orderId)).contains("Event_OrderOnHold", "Event_HoldReleased", "Task_PlanShipments");
        // released again: no second effect
        holds.release(orderId, hold.id());
        assertThat(eventsOf(orderId, "HOLD_RELEASED")).hasSize(1);
    }

    @Test
    void twoHoldsNeedBothReleased() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "19.99"));
        var fraud = holds.place(orderId, HoldStore.Reason.FRAUD_CHECK, null);
        var address = holds.place(orderId, HoldStore.Reason.ADDRESS_CHECK, "apartment number missing");
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("ON_HOLD");

        holds.release(orderId, fraud.id());
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("ON_HOLD");
        assertThat(order(orderId).holds()).extracting(h -> h.id()).containsExactly(address.id());
        assertThat(shipmentsOf(orderId)).isEmpty();
        assertThat(waitingAt(orderId)).contains("Event_HoldReleased");

        holds.release(orderId, address.id());
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(shipmentsOf(orderId)).hasSize(1);
    }

    @Test
    void anOrderWithoutHoldsGoesStraightOn() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "19.99"));
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("CONFIRMED");
        assertThat(passed(orderId)).contains("Task_CheckHolds").doesNotContain("Event_OrderOnHold");
        assertThat(statusesOf(orderId)).doesNotContain("ON_HOLD");
    }

    @Test
    void aHeldOrderCanBeCancelledAndThenNoLongerHeld() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "19.99"));
        holds.place(orderId, HoldStore.Reason.PAYMENT_ISSUE, null);
        runJobs(orderId);
        assertThat(order(orderId).status()).isEqualTo("ON_HOLD");

        assertThat(cancellation.cancel(orderId, "fraud confirmed")).isTrue();
        runJobs(orderId);
        assertThat(ended(orderId)).isTrue();
        assertThat(order(orderId).status()).isEqualTo("CANCELLED");
        assertThat(stockOf("us-east", sku).reserved()).isZero();
        assertThatThrownBy(() -> holds.place(orderId, HoldStore.Reason.FRAUD_CHECK, null))
                .isInstanceOf(ApiException.class).hasMessageContaining("can no longer be held");
    }

    @Test
    void plannedShipmentsCanNoLongerBeHeld() {
        String sku = product(1200, 5, 0, 0);
        String orderId = place("tok_visa", line(sku, 1, "19.99"));
        runJobs(orderId);
        assertThat(shipmentsOf(orderId)).hasSize(1);
        assertThatThrownBy(() -> holds.place(orderId, HoldStore.Reason.FRAUD_CHECK, null))
                .isInstanceOf(ApiException.class).hasMessageContaining("planned");
    }
}
