package dev.ordo.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, part 3: Ordo killed with kill -9 in the middle of a load of 300 orders and started again.
 * Every accepted order is delivered, the provider's ledgers hold one authorization, one capture per
 * shipment and one label per shipment, no stock stays reserved, and requests that were in flight at
 * the kill, sent again with their Idempotency-Key, give exactly one order each.
 */
@Tag("resilience")
class CrashIT {
    static final int ORDERS = 300;
    static final Duration LOCK_TIME = Duration.ofSeconds(15);

    @Test
    void ordoKilledWithSigkillUnderLoad_losesNoOrder_chargesAndLabelsNothingTwice_leaksNoStock() throws Exception {
        TestDatabase db = TestDatabase.fresh("ordo_resilience_crash");
        Invariants invariants = new Invariants(db.jdbc);
        try (OrdoNodes ordo = new OrdoNodes("crash", db.name, 1, LOCK_TIME, OrdoNodes.commonOptions())) {
            ordo.start();
            String url = ordo.url(1);
            OrderLoad load = new OrderLoad();
            Map<String, Integer> initial = fillStock(load, url);

            List<String> keys = OrderLoad.keys("crash", 0, ORDERS);
            long started = System.nanoTime();
            var running = load.start(keys, 16, key -> url);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (load.accepted() < ORDERS / 2 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(load.accepted()).as("orders accepted before the kill").isGreaterThanOrEqualTo(ORDERS / 2);

            ordo.kill(1);
            long killedAt = System.nanoTime();
            load.stop();
            running.join();
            long acceptedBeforeKill = load.accepted();
            List<String> inFlight = load.failed();
            int jobsLeft = invariants.count("SELECT COUNT(*) FROM act_ru_job WHERE type_ <> 'timer'");
            int jobsLocked = invariants.count("SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL");
            int ordersInDbAtKill = invariants.count("SELECT COUNT(*) FROM orders");
            int reservedAtKill = invariants.count("SELECT COALESCE(SUM(reserved), 0) FROM stock");
            assertThat(invariants.stockNotMatchingReservations()).as("stock whose reserved count differs from the open reservations, at the kill").isEmpty();

            ordo.startNode(1);
            long restartSeconds = Report.seconds(killedAt);

            // the storefront sends what it never got an answer for again, with the same key and body
            load.resendFailed(5, 8, key -> url);
            long replayedInFlight = load.results().stream()
                    .filter(r -> inFlight.contains(r.key()) && r.outcome() == OrderLoad.Outcome.REPLAYED).count();
            // an accepted order asked for again is the same order
            List<OrderLoad.Result> acceptedEarlier = load.results().stream()
                    .filter(r -> r.accepted() && !inFlight.contains(r.key())).limit(20).toList();
            for (OrderLoad.Result earlier : acceptedEarlier) {
                OrderLoad.Result again = load.place(url, earlier.key());
                assertThat(again.outcome()).as("the same key again").isEqualTo(OrderLoad.Outcome.REPLAYED);
                assertThat(again.orderId()).as("order of key %s", earlier.key()).isEqualTo(earlier.orderId());
            }
            // the rest of the load after the restart
            List<String> unsent = keys.stream().filter(k -> load.results().stream().noneMatch(r -> r.key().equals(k))).toList();
            load.run(unsent, 16, key -> url);
            load.resendFailed(5, 8, key -> url);
            Invariants.assertAllAccepted(load.results(), ORDERS);

            Duration drain = invariants.awaitAllDelivered(Duration.ofMinutes(4));
            invariants.assertNothingLostOrDoubled(load.results(), initial);
            assertThat(invariants.count("SELECT COUNT(*) FROM orders")).isEqualTo(ORDERS);
            assertThat(inFlight.stream().mapToInt(key -> invariants.count(
                    "SELECT COUNT(*) FROM orders WHERE customer_id = '" + key + "'")).filter(n -> n != 1).count())
                    .as("keys in flight at the kill that have no or more than one order").isZero();

            Report.line("CrashIT", ORDERS + " orders; killed (kill -9) after " + acceptedBeforeKill + " accepted ("
                    + ordersInDbAtKill + " in the database), " + inFlight.size() + " requests in flight at the kill, of them "
                    + replayedInFlight + " had committed (replayed on resend) and " + (inFlight.size() - replayedInFlight)
                    + " had not (created on resend); " + jobsLeft + " jobs pending at the kill, " + jobsLocked + " of them locked by the dead process (run again after the lock time "
                    + LOCK_TIME.toSeconds() + " s); " + reservedAtKill + " units reserved at the kill, matching the open reservations; restart took " + restartSeconds + " s; drain after the last placement " + drain.toSeconds()
                    + " s; failed job attempts (retried) " + invariants.failedJobAttempts() + "; whole test "
                    + Report.seconds(started) + " s");
        }
    }

    /** Plenty of lamps and mugs in every warehouse; returns what each row started with. */
    static Map<String, Integer> fillStock(OrderLoad load, String url) throws Exception {
        Map<String, Integer> initial = new HashMap<>();
        for (String warehouse : List.of("us-east", "us-west", "eu-central")) {
            for (String sku : List.of("LAMP-01", "MUG-01")) {
                load.setStock(url, warehouse, sku, 100_000);
                initial.put(warehouse + "/" + sku, 100_000);
            }
        }
        return initial;
    }
}
