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
 * carrier event wait behind a growing queue. Instead, while more background steps are due than
 * {@code ordo.orders.max-due-jobs}, placements are refused with 503 and Retry-After: nothing is
 * created, and the storefront sends the same request (same Idempotency-Key) again later. Orders
 * already accepted, their reads and carrier events are never refused. The backlog is counted every
 * {@code ordo.orders.admission-refresh} (one count per node and interval, not per request).
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

    @Scheduled(fixedDelayString = "${ordo.orders.admission-refresh:PT1S}")
    void count() {
        if (maxDueJobs <= 0) return;
        try {
            long due = backlog.dueJobsNotAcquired();
            dueJobs.set(due);
            boolean over = due >= maxDueJobs;
            if (over != refusing) {
                refusing = over;
                if (over) log.warn("At capacity: {} background steps due (limit ordo.orders.max-due-jobs={}); refusing new orders with 503", due, maxDueJobs);
                else log.info("Below capacity again: {} background steps due; taking new orders", due);
            }
        } catch (RuntimeException e) {
            log.debug("Backlog not counted: {}", e.toString()); // database down: the placement fails on its own
        }
    }

    /** Throws {@link AtCapacityException} while the backlog is at or over the limit. */
    void check() {
        if (refusing) {
            throw new AtCapacityException("Ordo is at capacity: " + dueJobs.get() + " background steps are waiting "
                    + "(limit " + maxDueJobs + "). Nothing was created; send the same request, with the same "
                    + "Idempotency-Key, again after " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
        }
    }

    /** The order was not accepted because too much work is queued; the problem answer carries Retry-After. */
    public static class AtCapacityException extends RuntimeException {
        private final int retryAfterSeconds;

        AtCapacityException(String message, int retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
