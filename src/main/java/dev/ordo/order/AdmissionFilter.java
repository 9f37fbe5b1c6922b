package dev.ordo.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordo.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses {@code POST /api/v1/orders} with 503 At capacity while {@link PlacementAdmission} says so,
 * before the body is read or the Idempotency-Key looked up: at ten times the load a node completes,
 * a refusal that parses, validates and queries first costs enough to queue behind itself. Runs after
 * authentication (a bad key still gets 401/403). Orders placed in-process (tests) are not filtered.
 */
@Component
class AdmissionFilter extends OncePerRequestFilter {
    private final PlacementAdmission admission;
    private final ObjectMapper json;

    AdmissionFilter(PlacementAdmission admission, ObjectMapper json) {
        this.admission = admission;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/api/v1/orders".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = admission.refusal();
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(PlacementAdmission.RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(),
                Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "At capacity", refusal, List.of()));
    }
}
