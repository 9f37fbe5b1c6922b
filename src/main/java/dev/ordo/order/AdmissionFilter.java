package dev.ordo.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordo.web.Problems;
import dev.ordo.web.RequestSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission for the REST API ({@code /api/**}), after authentication (a bad key still gets 401/403):
 * <ul>
 * <li>Every request works in one of {@code ordo.requests.max-concurrent} slots; requests beyond them wait,
 * first come first served, parked on this filter's semaphore.</li>
 * <li>{@code POST /api/v1/orders} is refused with 503 At capacity while {@link PlacementAdmission} says so
 * (too many background steps due), or when no slot frees up within {@code ordo.requests.placement-wait}
 * (the node is busy with the requests it has). Both before the body is read or the Idempotency-Key looked
 * up: nothing is created, and the refusal is cheap.</li>
 * </ul>
 * Reads, carrier events and every other request wait for a slot and are never refused. Why slots and not
 * Tomcat's thread limit: with the limit in the connector, a refusal queued behind every request that came
 * before it, and under a flood the carrier's events, which complete orders, queued behind placements that
 * were going to be refused: at twice a node's capacity placements waited 11 s for their 503 and half as many
 * orders completed as at capacity (docs/benchmarks.md, tuning step 9). Orders placed in-process (tests) are
 * not filtered.
 */
@Component
class AdmissionFilter extends OncePerRequestFilter {
    private final PlacementAdmission admission;
    private final ObjectMapper json;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final long placementWaitMillis;
    private final Counter refusedAtBacklog;
    private final Counter refusedBusy;

    AdmissionFilter(PlacementAdmission admission, ObjectMapper json, RequestSettings settings, MeterRegistry registry) {
        this.admission = admission;
        this.json = json;
        this.maxConcurrent = settings.maxConcurrent();
        this.placementWaitMillis = settings.placementWait().toMillis();
        this.slots = new Semaphore(maxConcurrent, true);
        Gauge.builder("ordo.requests.active", slots, s -> maxConcurrent - s.availablePermits())
                .description("API requests being worked on (at most ordo.requests.max-concurrent)").register(registry);
        Gauge.builder("ordo.requests.waiting", slots, Semaphore::getQueueLength)
                .description("API requests waiting for a slot (ordo.requests.max-concurrent)").register(registry);
        this.refusedAtBacklog = refusals(registry, "backlog");
        this.refusedBusy = refusals(registry, "busy");
    }

    private static Counter refusals(MeterRegistry registry, String reason) {
        return Counter.builder("ordo.orders.refused").tag("reason", reason)
                .description("New orders refused with 503 At capacity: backlog = ordo.orders.max-due-jobs, "
                        + "busy = no request slot within ordo.requests.placement-wait")
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/api/v1/orders".equals(request.getRequestURI())) {
            String refusal = admission.refusal();
            if (refusal != null) {
                refusedAtBacklog.increment();
                refuse(response, refusal);
                return;
            }
            if (!slotWithin(placementWaitMillis)) {
                refusedBusy.increment();
                refuse(response, PlacementAdmission.refusal("all " + maxConcurrent
                        + " request slots stayed busy for " + placementWaitMillis + " ms"));
                return;
            }
        } else {
            slots.acquireUninterruptibly();
        }
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }

    private boolean slotWithin(long millis) {
        try {
            return slots.tryAcquire(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
            return false;
        }
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(PlacementAdmission.RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(),
                Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "At capacity", detail, List.of()));
    }
}
