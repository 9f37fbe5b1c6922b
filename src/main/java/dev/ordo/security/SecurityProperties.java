package dev.ordo.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ordo.security.*}: API keys declared in configuration, by the SHA-256 of the key. */
@ConfigurationProperties("ordo.security")
public record SecurityProperties(List<ConfiguredKey> apiKeys) {
    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    public record ConfiguredKey(String name, Role role, String channel, String sha256) {}
}
