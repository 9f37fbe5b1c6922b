package dev.ordo.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer <api key>} → an authenticated {@link ApiClient}. Unknown keys stay anonymous (401). */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    private final ApiKeys keys;

    ApiKeyAuthenticationFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            keys.authenticate(header.substring(7).trim()).ifPresent(client -> {
                var auth = new UsernamePasswordAuthenticationToken(client, null,
                        List.of(new SimpleGrantedAuthority(client.role().authority())));
                SecurityContextHolder.getContext().setAuthentication(auth);
            });
        }
        chain.doFilter(request, response);
    }
}
