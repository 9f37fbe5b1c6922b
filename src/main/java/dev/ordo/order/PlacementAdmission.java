package dev.ordo.order;

import dev.ordo.process.EngineBacklog;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Admission control for new orders. When orders arrive faster than the job executors complete them
 * (a flash sale on too few nodes), accepting them all only makes every order, every read and every
 * carrier event wait behind a growing queue. Instead, once {@code ordo.orders.max-due-jobs} background
 * steps are due, placements are refused with 503 and Retry-After ({@link AdmissionFilter}, before the
 * request body is read): nothing is created, and the storefront sends the same request (same
 * Idempotency-Key) again later. Orders are taken again once the backlog is below 80 % of the limit
 * (so the answer does not flip with every count). Orders already accepted, reads and carrier events are
 * never refused. The backlog is counted every {@code ordo.orders.admission-refresh} (one count per node
 * and interval, not per request).
 */
@Component
public class PlacementAdmission {
    private static final Logger log = LoggerFactory.getLogger(PlacementAdmission.class);
    static final int RETRY_AFTER_SECONDS = 5;
    private final EngineBacklog backlog;
    private final int maxDueJobs;
    private final AtomicLong dueJobs = new AtomicLong();
    private volatile boolean refusing;

    PlacementAdmission(EngineBacklog backlog, OrderSettings settings) {
        this.backlog = backlog;
        this.maxDueJobs = settings.maxDueJobs();
    }

    @Scheduled(fixedDelayString = "${ordo.orders.admission-refresh:PT0.25S}")
    void count() {
        if (maxDueJobs <= 0) return;
        try {
            long due = backlog.dueJobsNotAcquired();
            dueJobs.set(due);
            boolean refuse = refusing ? due >= maxDueJobs * 8L / 10 : due >= maxDueJobs;
            if (refuse != refusing) {
                refusing = refuse;
                if (refuse) log.warn("At capacity: {} background steps due (limit ordo.orders.max-due-jobs={}); refusing new orders with 503", due, maxDueJobs);
                else log.info("Below capacity again: {} background steps due; taking new orders", due);
            }
        } catch (RuntimeException e) {
            log.debug("Backlog not counted: {}", e.toString()); // database down: the placement fails on its own
        }
    }

    /** Why a new order is refused now, or null while orders are taken. */
    String refusal() {
        if (!refusing) return null;
        return "Ordo is at capacity: " + dueJobs.get() + " background steps are waiting (limit " + maxDueJobs
                + "). No new order is taken now; send the same request, with the same Idempotency-Key, again after "
                + RETRY_AFTER_SECONDS + " s (an order already accepted under that key is kept and answered then)";
    }
}
