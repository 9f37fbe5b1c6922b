package dev.ordo.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 6, part 4: one Ordo node whose payment provider fails 30% of new calls technically and loses
 * the response of 20% of the calls it did carry out (charged, but the caller sees a connection reset
 * and retries with the same idempotency key), and whose primary carrier for US parcels (UPS) refuses
 * every label. Then PostgreSQL is restarted under load. Every order still completes, with one charge
 * per shipment and one label (the fallback carrier's) per shipment.
 */
@Tag("resilience")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    static final int ORDERS = 120;
    private TestDatabase db;
    private Invariants invariants;
    private OrdoNodes ordo;
    private final OrderLoad load = new OrderLoad();
    private Map<String, Integer> initial;

    @BeforeAll
    void startOrdo() throws Exception {
        db = TestDatabase.fresh("ordo_resilience_faults");
        invariants = new Invariants(db.jdbc);
        List<String> options = OrdoNodes.commonOptions();
        options.addAll(List.of(
                "--ordo.payment.simulator.failure-rate=0.3",
                "--ordo.payment.simulator.lost-response-rate=0.2",
                "--ordo.payment.simulator.latency=20ms",
                "--ordo.carrier.simulator.unavailable-carriers=UPS"));
        ordo = new OrdoNodes("faults", db.name, 1, Duration.ofSeconds(15), options);
        ordo.start();
        initial = CrashIT.fillStock(load, ordo.url(1));
    }

    @AfterAll
    void stopOrdo() {
        if (ordo != null) ordo.close();
    }

    @Test
    @Order(1)
    void paymentProviderFailingAndLosingResponses_andPrimaryCarrierDown_everyOrderCompletesWithOneChargeAndTheFallbackLabel() throws Exception {
        long started = System.nanoTime();
        load.run(OrderLoad.keys("faults", 0, ORDERS), 8, key -> ordo.url(1));
        Invariants.assertAllAccepted(load.results(), ORDERS);

        Duration drain = invariants.awaitAllDelivered(Duration.ofMinutes(3));
        invariants.assertNothingLostOrDoubled(load.results(), initial);

        int outages = invariants.count("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1 AND job_exception_msg_ LIKE '%simulated outage%'");
        int lostResponses = invariants.count("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1 AND job_exception_msg_ LIKE '%simulated lost response%'");
        assertThat(outages).as("payment calls that failed (and were retried)").isPositive();
        assertThat(lostResponses).as("payment calls the provider carried out whose response was lost (retried with the same key)").isPositive();
        // the carrier outage: every label from the fallback carrier, none from UPS, each first refused by UPS
        int shipments = invariants.count("SELECT COUNT(*) FROM shipments");
        assertThat(invariants.count("SELECT COUNT(*) FROM shipments WHERE carrier = 'FEDEX' AND fallback_carrier = 'FEDEX'"))
                .as("shipments labelled by the fallback carrier FEDEX").isEqualTo(shipments);
        assertThat(invariants.count("SELECT COUNT(*) FROM sim_carrier_ledger WHERE carrier = 'UPS'")).as("UPS labels").isZero();
        assertThat(invariants.count("SELECT COUNT(*) FROM order_events WHERE type = 'CARRIER_FAILED' AND detail LIKE 'UPS:%'"))
                .as("primary carrier failures on the timelines").isEqualTo(shipments);

        Report.line("FaultsIT payment+carrier", ORDERS + " orders with payment failure-rate 0.3, lost-response-rate 0.2, latency 20 ms, UPS down: "
                + "all delivered; " + outages + " payment calls failed and " + lostResponses
                + " lost their response (each retried, ledger: one authorization per order and one capture per shipment); "
                + shipments + " shipments, all labelled by FEDEX after UPS refused; drain " + drain.toSeconds()
                + " s; whole test " + Report.seconds(started) + " s");
    }

    @Test
    @Order(2)
    void postgresRestartedUnderLoad_ordoRecoversWithoutARestartOfItsOwn_andEveryOrderCompletes() throws Exception {
        long started = System.nanoTime();
        long pid = ordo.pid(1);
        int failedJobsBefore = invariants.failedJobAttempts();
        List<String> keys = OrderLoad.keys("pgrestart", 0, ORDERS);
        var running = load.start(keys, 8, key -> ordo.url(1));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (load.results().stream().filter(r -> r.key().startsWith("pgrestart") && r.accepted()).count() < ORDERS / 3
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Duration restart = Postgres.restart();
        long restartedAt = System.nanoTime();
        // Ordo reconnects by itself: healthy again, same process
        long healthDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (load.health(ordo.url(1)) != 200 && System.nanoTime() < healthDeadline) Thread.sleep(100);
        long healthyMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        running.join();
        assertThat(load.health(ordo.url(1))).as("Ordo's health after the database restart").isEqualTo(200);
        assertThat(ordo.pid(1)).isEqualTo(pid);
        assertThat(ordo.alive(1)).as("the same Ordo process").isTrue();

        int failedRequests = load.failed().size();
        assertThat(load.results()).filteredOn(r -> r.key().startsWith("pgrestart"))
                .extracting(OrderLoad.Result::detail).as("a lost database connection answers 503, never 500")
                .doesNotContain("HTTP 500");
        load.resendFailed(10, 8, key -> ordo.url(1));
        Invariants.assertAllAccepted(load.results(), 2 * ORDERS);
        Duration drain = invariants.awaitAllDelivered(Duration.ofMinutes(3));
        invariants.assertNothingLostOrDoubled(load.results(), initial);

        int failedJobs = invariants.failedJobAttempts() - failedJobsBefore;
        int databaseFailures = invariants.count("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1"
                + " AND job_exception_msg_ NOT LIKE '%simulated%'");
        Report.line("FaultsIT postgres restart", ORDERS + " more orders; PostgreSQL restarted (fast) after " + ORDERS / 3
                + " were accepted, the restart took " + restart.toMillis() + " ms; Ordo healthy again " + healthyMillis
                + " ms after it, same process; " + failedRequests + " placements failed during the restart and were sent again"
                + " with their keys; " + failedJobs + " failed job attempts in this phase (" + databaseFailures
                + " not from the simulated payment faults), all retried; drain " + drain.toSeconds() + " s; whole test "
                + Report.seconds(started) + " s");
    }
}
