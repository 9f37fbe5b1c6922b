package dev.ordo.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What must hold after any crash or fault, checked in the database: every accepted order delivered
 * (or visibly waiting), one authorization and one capture per shipment in the payment provider's
 * ledger and all of it known to Ordo, one label per shipment in the carrier's ledger, stock counts
 * equal to the reservations, one order per Idempotency-Key.
 */
final class Invariants {
    private final JdbcTemplate db;

    Invariants(JdbcTemplate db) {
        this.db = db;
    }

    /**
     * Waits until every order in the database is DELIVERED, or fails with what is left: per order its
     * status and whether it waits visibly (incident, task, timer) or still has due jobs.
     * @return how long the drain took
     */
    Duration awaitAllDelivered(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            Integer open;
            try {
                open = db.queryForObject("SELECT (SELECT COUNT(*) FROM orders WHERE status <> 'DELIVERED')"
                        + " + (SELECT COUNT(*) FROM act_ru_execution)", Integer.class);
            } catch (RuntimeException databaseDown) {
                open = -1;
            }
            if (open != null && open == 0) return Duration.ofNanos(System.nanoTime() - start);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout.toSeconds() + " s, orders not DELIVERED plus running executions: " + open
                        + "; the first orders not delivered: " + leftOver());
            }
            Thread.sleep(500);
        }
    }

    /** The orders not delivered, with what they wait for. */
    String leftOver() {
        List<Map<String, Object>> rows = db.queryForList("""
                SELECT o.id, o.status,
                  (SELECT COUNT(*) FROM act_ru_incident i JOIN act_ru_execution e ON e.id_ = i.proc_inst_id_ WHERE e.business_key_ = o.id) AS incidents,
                  (SELECT MIN(i.incident_msg_) FROM act_ru_incident i JOIN act_ru_execution e ON e.id_ = i.proc_inst_id_ WHERE e.business_key_ = o.id) AS incident,
                  (SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ WHERE e.business_key_ = o.id) AS tasks,
                  (SELECT COUNT(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_ WHERE e.business_key_ = o.id AND j.type_ = 'timer') AS timers,
                  (SELECT COUNT(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_ WHERE e.business_key_ = o.id AND j.type_ <> 'timer') AS jobs,
                  (SELECT MAX(j.lock_owner_) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_ WHERE e.business_key_ = o.id) AS lock_owner,
                  (SELECT COUNT(*) FROM act_ru_execution e WHERE e.business_key_ = o.id) AS executions
                FROM orders o WHERE o.status <> 'DELIVERED' ORDER BY o.created_at LIMIT 20""");
        return rows.toString();
    }

    /** Everything that must hold once every order is delivered. */
    void assertNothingLostOrDoubled(Collection<OrderLoad.Result> results, Map<String, Integer> initialOnHand) {
        SoftAssertions soft = new SoftAssertions();
        int orders = count("SELECT COUNT(*) FROM orders");

        // every order a client saw accepted exists, under the id the client was given
        List<OrderLoad.Result> accepted = results.stream().filter(OrderLoad.Result::accepted).toList();
        Map<String, String> orderOfKey = db.queryForList("SELECT idem_key, order_id FROM idempotency_keys").stream()
                .collect(Collectors.toMap(r -> (String) r.get("idem_key"), r -> (String) r.get("order_id")));
        for (OrderLoad.Result r : accepted) {
            soft.assertThat(orderOfKey.get(r.key())).as("order of key %s", r.key()).isEqualTo(r.orderId());
        }
        // one order per Idempotency-Key: every order has its key, no key (= customer) has two orders
        soft.assertThat(count("SELECT COUNT(*) FROM idempotency_keys")).as("idempotency keys").isEqualTo(orders);
        soft.assertThat(db.queryForList("SELECT customer_id FROM orders GROUP BY customer_id HAVING COUNT(*) > 1", String.class))
                .as("keys (customers) with more than one order").isEmpty();
        soft.assertThat(count("SELECT COUNT(*) FROM orders WHERE status <> 'DELIVERED'")).as("orders not delivered").isZero();

        // payment provider's ledger: one approved authorization per order, one capture per shipment,
        // captures add up to the order total, and every movement of money is recorded by Ordo too
        soft.assertThat(db.queryForList("""
                SELECT o.id FROM orders o WHERE (SELECT COUNT(*) FROM sim_payment_ledger l
                  WHERE l.idempotency_key LIKE o.id || ':%' AND l.operation = 'AUTHORIZE' AND l.outcome = 'APPROVED') <> 1""", String.class))
                .as("orders without exactly one authorization in the provider's ledger").isEmpty();
        soft.assertThat(db.queryForList("""
                SELECT s.id FROM shipments s WHERE (SELECT COUNT(*) FROM sim_payment_ledger l
                  WHERE l.idempotency_key LIKE s.order_id || ':capture%' AND l.idempotency_key LIKE '%' || s.id AND l.operation = 'CAPTURE') <> 1""", String.class))
                .as("shipments without exactly one capture in the provider's ledger").isEmpty();
        soft.assertThat(db.queryForList("""
                SELECT o.id FROM orders o WHERE o.total <> (SELECT COALESCE(SUM(l.amount), 0) FROM sim_payment_ledger l
                  WHERE l.idempotency_key LIKE o.id || ':%' AND l.operation = 'CAPTURE' AND l.outcome = 'APPROVED')""", String.class))
                .as("orders whose captures in the provider's ledger do not add up to the total").isEmpty();
        soft.assertThat(count("SELECT COUNT(*) FROM sim_payment_ledger WHERE operation IN ('VOID', 'REFUND')"))
                .as("voids and refunds (nothing was cancelled)").isZero();
        soft.assertThat(db.queryForList("""
                SELECT l.idempotency_key FROM sim_payment_ledger l
                WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.idempotency_key = l.idempotency_key AND p.outcome = l.outcome)""", String.class))
                .as("money movements in the provider's ledger that Ordo does not know").isEmpty();

        // carrier's ledger: one label per shipment, the one on the shipment
        soft.assertThat(db.queryForList("""
                SELECT s.id FROM shipments s WHERE (SELECT COUNT(*) FROM sim_carrier_ledger l
                  WHERE l.idempotency_key LIKE s.id || ':%' AND l.operation = 'LABEL') <> 1""", String.class))
                .as("shipments without exactly one label in the carrier's ledger").isEmpty();
        soft.assertThat(db.queryForList("""
                SELECT s.id FROM shipments s WHERE s.tracking_number IS NULL OR NOT EXISTS (SELECT 1 FROM sim_carrier_ledger l
                  WHERE l.tracking_number = s.tracking_number AND l.operation = 'LABEL')""", String.class))
                .as("shipments whose tracking number the carrier never issued").isEmpty();
        soft.assertThat(count("SELECT COUNT(*) FROM shipments WHERE status <> 'DELIVERED'")).as("shipments not delivered").isZero();

        // stock: reserved equals the open reservations, on hand went down by exactly what was committed
        soft.assertThat(stockNotMatchingReservations())
                .as("stock rows whose reserved count differs from the open reservations").isEmpty();
        soft.assertThat(count("SELECT COALESCE(SUM(reserved), 0) FROM stock")).as("stock left reserved").isZero();
        soft.assertThat(count("SELECT COUNT(*) FROM reservations WHERE status = 'RESERVED'")).as("open reservations").isZero();
        initialOnHand.forEach((warehouseSku, initial) -> {
            String[] ws = warehouseSku.split("/");
            int onHand = count("SELECT on_hand FROM stock WHERE warehouse_id = '" + ws[0] + "' AND sku = '" + ws[1] + "'");
            int committed = count("SELECT COALESCE(SUM(quantity), 0) FROM reservations WHERE warehouse_id = '" + ws[0]
                    + "' AND sku = '" + ws[1] + "' AND status = 'COMMITTED'");
            soft.assertThat(onHand).as("on hand of %s: %d at the start minus %d committed", warehouseSku, initial, committed)
                    .isEqualTo(initial - committed);
        });
        soft.assertThat(db.queryForList("""
                SELECT l.id FROM order_lines l WHERE l.quantity <> (SELECT COALESCE(SUM(r.quantity), 0) FROM reservations r
                  WHERE r.line_id = l.id AND r.status = 'COMMITTED')""", String.class))
                .as("order lines whose committed stock differs from the quantity ordered").isEmpty();

        // nothing left for the engine to do
        soft.assertThat(count("SELECT COUNT(*) FROM act_ru_incident")).as("open incidents").isZero();
        soft.assertThat(count("SELECT COUNT(*) FROM act_ru_execution")).as("running process executions").isZero();
        soft.assertAll();
    }

    /** Stock rows whose reserved count differs from their open reservations (must be none at any moment). */
    List<String> stockNotMatchingReservations() {
        return db.queryForList("""
                SELECT s.warehouse_id || '/' || s.sku FROM stock s WHERE s.reserved <> (SELECT COALESCE(SUM(r.quantity), 0)
                  FROM reservations r WHERE r.warehouse_id = s.warehouse_id AND r.sku = s.sku AND r.status = 'RESERVED')""", String.class);
    }

    int count(String sql) {
        Integer n = db.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    /** Jobs that failed at least once and were retried (from the job log; needs history level full). */
    int failedJobAttempts() {
        return count("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1");
    }

    /** Successful job executions per node (ACT_HI_JOB_LOG.HOSTNAME_ = ordo.node-id). */
    Map<String, Integer> jobsPerNode() {
        return db.queryForList("SELECT hostname_, COUNT(*) AS n FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY hostname_").stream()
                .collect(Collectors.toMap(r -> (String) r.get("hostname_"), r -> ((Number) r.get("n")).intValue()));
    }

    static void assertAllAccepted(Collection<OrderLoad.Result> results, int expected) {
        assertThat(results.stream().filter(r -> r.outcome() == OrderLoad.Outcome.REFUSED).toList()).as("refused requests").isEmpty();
        assertThat(results.stream().filter(r -> !r.accepted()).toList()).as("requests never accepted").isEmpty();
        assertThat(results).hasSize(expected);
    }
}
