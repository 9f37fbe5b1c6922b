package dev.ordo.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** API keys, stored as SHA-256 hashes in {@code api_keys}. Looked-up keys are cached in memory. */
@Component
public class ApiKeys {
    private final JdbcClient jdbc;
    /** Only known keys are cached, so random keys cannot grow it. */
    private final Map<String, ApiClient> cache = new ConcurrentHashMap<>();

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApiClient> authenticate(String key) {
        String hash = sha256(key);
        ApiClient cached = cache.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ApiClient> client = jdbc
                .sql("SELECT name, role, channel FROM api_keys WHERE key_hash = ?").param(hash)
                .query((rs, i) -> new ApiClient(rs.getString("name"), Role.valueOf(rs.getString("role")),
                        rs.getString("channel")))
                .optional();
        client.ifPresent(c -> cache.put(hash, c));
        return client;
    }

    /** Adds or updates a key given by its hash. */
    @Transactional
    public void register(SecurityProperties.ConfiguredKey key) {
        String hash = key.sha256().toLowerCase();
        int updated = jdbc.sql("UPDATE api_keys SET name = ?, role = ?, channel = ? WHERE key_hash = ?")
                .params(key.name(), key.role().name(), key.channel(), hash).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO api_keys (key_hash, name, role, channel, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(hash, key.name(), key.role().name(), key.channel(), OffsetDateTime.now(ZoneOffset.UTC))
                    .update();
        }
        cache.clear();
    }

    public boolean isStored(String keyHash) {
        return jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE key_hash = ?").param(keyHash)
                .query(Integer.class).single() > 0;
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
