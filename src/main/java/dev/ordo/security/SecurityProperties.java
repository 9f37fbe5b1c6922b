package dev.ordo.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ordo.security.*}: API keys declared in configuration, by the SHA-256 of the key. */
@ConfigurationProperties("ordo.security")
public record SecurityProperties(List<ConfiguredKey> apiKeys) {
    public SecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    public record ConfiguredKey(String name, Role role, String channel, String sha256) {
        public ConfiguredKey {
            if (name == null || role == null || sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("ordo.security.api-keys: every key needs name, role and the 64-hex-digit sha256 of the key (" + name + ")");
            }
            if (role == Role.STOREFRONT && (channel == null || channel.isBlank())) {
                throw new IllegalArgumentException("ordo.security.api-keys: storefront key '" + name + "' needs a channel");
            }
        }
    }
}
