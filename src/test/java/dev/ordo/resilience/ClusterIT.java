package dev.ordo.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, part 5: two Ordo nodes on one PostgreSQL database, started by scripts/cluster.sh. Orders
 * are placed on both; node 1 is killed with kill -9 in the middle of the load; the storefront sends
 * what node 1 never answered to node 2 with the same keys. Node 2 runs node 1's locked jobs once
 * their locks expire; nothing is lost or done twice; every webhook event reaches the subscriber.
 */
@Tag("resilience")
class ClusterIT {
    static final int ORDERS = 240;
    static final Duration LOCK_TIME = Duration.ofSeconds(15);

    @Test
    void twoNodesShareTheLoad_andWhenOneIsKilledTheOtherFinishesItsOrders_withNothingLostOrDoubled() throws Exception {
        TestDatabase db = TestDatabase.fresh("ordo_resilience_cluster");
        Invariants invariants = new Invariants(db.jdbc);
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestHeaders().getFirst("Ordo-Event-Id"), id -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (OrdoNodes cluster = new OrdoNodes("cluster", db.name, 2, LOCK_TIME, OrdoNodes.commonOptions())) {
            long started = System.nanoTime();
            cluster.start();
            long startSeconds = Report.seconds(started);
            OrderLoad load = new OrderLoad();
            Map<String, Integer> initial = CrashIT.fillStock(load, cluster.url(1));
            load.post(cluster.url(2) + "/api/v1/webhooks", """
                    {"url":"http://127.0.0.1:%d/hook","secret":"cluster-test-secret","events":["order.status_changed"]}"""
                    .formatted(receiver.getAddress().getPort()));

            // orders alternate between the nodes; node 1 dies when half are accepted and it has run its share of jobs
            List<String> keys = OrderLoad.keys("cluster", 0, ORDERS);
            Map<String, Integer> nodeOf = keys.stream().collect(Collectors.toMap(k -> k, k -> keys.indexOf(k) % 2 == 0 ? 1 : 2));
            long loadStarted = System.nanoTime();
            var running = load.start(keys, 4, key -> cluster.url(nodeOf.get(key)));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while ((load.accepted() < ORDERS / 2 || invariants.jobsPerNode().getOrDefault("node-1", 0) < 100)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Map<String, Integer> jobsBeforeKill = invariants.jobsPerNode();
            cluster.kill(1);
            long killedAt = System.nanoTime();
            List<String> orphanedJobs = db.jdbc.queryForList("SELECT id_ FROM act_ru_job WHERE lock_owner_ = 'node-1'", String.class);
            assertThat(invariants.stockNotMatchingReservations()).as("stock whose reserved count differs from the open reservations, at the kill").isEmpty();
            load.stop();
            running.join();
            long acceptedBeforeKill = load.accepted();
            int inFlight = load.failed().size();

            // the storefront sends everything node 1 did not answer, and the rest, to node 2
            load.resendFailed(5, 8, key -> cluster.url(2));
            List<String> unsent = keys.stream().filter(k -> load.results().stream().noneMatch(r -> r.key().equals(k))).toList();
            load.run(unsent, 16, key -> cluster.url(2));
            load.resendFailed(5, 8, key -> cluster.url(2));
            Invariants.assertAllAccepted(load.results(), ORDERS);

            Duration drain = invariants.awaitAllDelivered(Duration.ofMinutes(4));
            long drainAfterKill = Report.seconds(killedAt);
            invariants.assertNothingLostOrDoubled(load.results(), initial);

            // both nodes shared the work while both ran; node 2 ran the jobs node 1 held when it died
            int totalBeforeKill = jobsBeforeKill.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(jobsBeforeKill).as("jobs run per node before the kill").containsOnlyKeys("node-1", "node-2");
            assertThat(jobsBeforeKill.values()).as("each node's share of %d jobs before the kill", totalBeforeKill)
                    .allMatch(n -> n >= totalBeforeKill / 5);
            Map<String, Integer> jobsPerNode = invariants.jobsPerNode();
            assertThat(jobsPerNode).containsOnlyKeys("node-1", "node-2");
            assertThat(jobsPerNode.values()).allMatch(n -> n > 0);
            for (String job : orphanedJobs) {
                assertThat(invariants.count("SELECT COUNT(*) FROM act_hi_job_log WHERE job_id_ = '" + job
                        + "' AND job_state_ = 2 AND hostname_ = 'node-2'")).as("job %s locked by the killed node 1, run by node 2", job)
                        .isEqualTo(1);
            }
            // orders placed on node 1 were finished by node 2
            int placedOnNode1FinishedByNode2 = invariants.count("""
                    SELECT COUNT(DISTINCT p.business_key_) FROM act_hi_job_log j JOIN act_hi_procinst p ON p.id_ = j.process_instance_id_
                    WHERE j.job_state_ = 2 AND j.hostname_ = 'node-2' AND p.business_key_ IN (
                      SELECT k.order_id FROM idempotency_keys k WHERE CAST(SUBSTRING(k.idem_key FROM 9) AS INTEGER) % 2 = 0)""");
            assertThat(placedOnNode1FinishedByNode2).as("orders placed on node 1 with steps run by node 2").isPositive();
            int placedOnNode2RunByNode1 = invariants.count("""
                    SELECT COUNT(DISTINCT p.business_key_) FROM act_hi_job_log j JOIN act_hi_procinst p ON p.id_ = j.process_instance_id_
                    WHERE j.job_state_ = 2 AND j.hostname_ = 'node-1' AND p.business_key_ IN (
                      SELECT k.order_id FROM idempotency_keys k WHERE CAST(SUBSTRING(k.idem_key FROM 9) AS INTEGER) % 2 = 1)""");
            assertThat(placedOnNode2RunByNode1).as("orders placed on node 2 with steps run by node 1").isPositive();

            // webhooks: every status change delivered to the subscriber, the delivery rows all DELIVERED
            long webhookDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (invariants.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'DELIVERED'")
                    + invariants.count("SELECT COUNT(*) FROM order_events_outbox WHERE seq IS NULL") > 0
                    && System.nanoTime() < webhookDeadline) {
                Thread.sleep(200);
            }
            List<String> events = db.jdbc.queryForList("SELECT event_id FROM order_events_outbox WHERE type = 'order.status_changed'", String.class);
            assertThat(invariants.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'DELIVERED'")).as("deliveries not delivered").isZero();
            assertThat(invariants.count("SELECT COUNT(*) FROM webhook_deliveries")).as("one delivery per event").isEqualTo(events.size());
            assertThat(received.keySet()).as("events the subscriber received").containsExactlyInAnyOrderElementsOf(events);
            long duplicates = received.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();

            Report.line("ClusterIT", "2 nodes started in " + startSeconds + " s; " + ORDERS + " orders alternating between the nodes; node 1 killed (kill -9) after "
                    + acceptedBeforeKill + " accepted, " + inFlight + " requests in flight resent to node 2; " + orphanedJobs.size()
                    + " jobs locked by node 1 at the kill, all run by node 2 after the lock time (" + LOCK_TIME.toSeconds()
                    + " s); jobs run per node before the kill " + jobsBeforeKill + ", in all " + jobsPerNode + "; " + placedOnNode1FinishedByNode2
                    + " orders placed on node 1 finished by node 2, " + placedOnNode2RunByNode1
                    + " placed on node 2 had steps run by node 1; all delivered " + drainAfterKill + " s after the kill (drain after the last placement "
                    + drain.toSeconds() + " s); " + events.size() + " webhook events each delivered, " + duplicates
                    + " received twice; load phase " + Report.seconds(loadStarted) + " s; whole test " + Report.seconds(started) + " s");
        } finally {
            receiver.stop(0);
        }
    }
}
