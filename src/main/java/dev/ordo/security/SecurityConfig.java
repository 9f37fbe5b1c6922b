package dev.ordo.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordo.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Two worlds: Ordo's API ({@code /api/**}) and the actuator's metrics ({@code /actuator/**} but
 * health, role ops) authenticate API keys with Spring Security; everything else (Camunda's webapps,
 * which log in by themselves, {@code /engine-rest} guarded by Camunda's own HTTP Basic filter below,
 * Swagger UI and health) passes Spring Security untouched.
 */
@Configuration
class SecurityConfig {
    private final String storefront = Role.STOREFRONT.name();
    private final String carrier = Role.CARRIER.name();
    private final String ops = Role.OPS.name();

    /**
     * No Spring Security observations (an observation around every filter of the chain and every
     * authorization decision): nobody reads them, and under load they cost ~4 % of Ordo's CPU (benchmark
     * profile, docs/benchmarks.md step 5). http.server.requests still times every request.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, ObjectMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(json, res, HttpStatus.UNAUTHORIZED,
                                "Unauthorized", "a valid API key is required: Authorization: Bearer <key>"))
                        .accessDeniedHandler((req, res, ex) -> write(json, res, HttpStatus.FORBIDDEN,
                                "Forbidden", "this API key's role may not call this endpoint")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/orders").hasRole(storefront)
                        .requestMatchers(HttpMethod.POST, "/api/v1/orders/*/returns").hasRole(storefront)
                        .requestMatchers(HttpMethod.POST, "/api/v1/orders/*/cancellation").hasRole(storefront)
                        .requestMatchers(HttpMethod.POST, "/api/v1/orders/*/modifications").hasRole(storefront)
                        .requestMatchers("/api/v1/orders/*/holds", "/api/v1/orders/*/holds/**").hasRole(ops)
                        .requestMatchers("/api/v1/orders", "/api/v1/orders/**").hasAnyRole(storefront, ops)
                        .requestMatchers("/api/v1/carrier-events").hasRole(carrier)
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**", "/api/v1/events").hasAnyRole(storefront, ops)
                        .requestMatchers("/api/v1/products/**", "/api/v1/inventory/**", "/api/v1/warehouses/**",
                                "/api/v1/warehouses", "/api/v1/admin/**").hasRole(ops)
                        .requestMatchers("/api/v1/order-types").authenticated()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Health stays public (load balancers, probes); metrics and everything else the actuator exposes need an ops key. */
    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, ApiKeys keys, ObjectMapper json) throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(json, res, HttpStatus.UNAUTHORIZED,
                                "Unauthorized", "an ops API key is required: Authorization: Bearer <key>"))
                        .accessDeniedHandler((req, res, ex) -> write(json, res, HttpStatus.FORBIDDEN,
                                "Forbidden", "only an ops API key may read the metrics")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(ops));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        // Cockpit/Tasklist/Admin have their own login and CSRF protection; /engine-rest has Camunda's filter.
        http.csrf(c -> c.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    /** Camunda's REST API is open by default; this makes it require HTTP Basic against Camunda's users. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-auth");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(status, title, detail, List.of()));
    }
}
