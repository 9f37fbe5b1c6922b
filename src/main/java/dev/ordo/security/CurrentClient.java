package dev.ordo.security;

import org.springframework.security.core.context.SecurityContextHolder;

/** The {@link ApiClient} of the current request. */
public final class CurrentClient {
    private CurrentClient() {}

    public static ApiClient get() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ApiClient client) {
            return client;
        }
        throw new IllegalStateException("no API client authenticated");
    }
}
