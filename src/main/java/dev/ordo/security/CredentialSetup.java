package dev.ordo.security;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Registers the configured API keys at start-up and refuses to run with demo credentials outside the
 * {@code demo} profile: the demo password of the Camunda user {@code demo} or a demo API key in the
 * database stops the application with a message saying what to remove.
 */
@Component
class CredentialSetup {
    static final Set<String> DEMO_KEY_HASHES = Set.of(
            ApiKeys.sha256("demo-web-key"), ApiKeys.sha256("demo-marketplace-key"),
            ApiKeys.sha256("demo-carrier-key"), ApiKeys.sha256("demo-ops-key"));

    private final ApiKeys keys;
    private final SecurityProperties properties;
    private final IdentityService identity;
    private final Environment environment;

    CredentialSetup(ApiKeys keys, SecurityProperties properties, IdentityService identity, Environment environment) {
        this.keys = keys;
        this.properties = properties;
        this.identity = identity;
        this.environment = environment;
    }

    @EventListener(ApplicationStartedEvent.class)
    void setUp() {
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        if (!demo) {
            refuseDemoCredentials();
        }
        properties.apiKeys().forEach(keys::register);
    }

    private void refuseDemoCredentials() {
        List<String> problems = new java.util.ArrayList<>();
        if (identity.checkPassword("demo", "demo")) {
            problems.add("the Camunda user 'demo' still has the password 'demo' (change it in Camunda Admin, or delete the user)");
        }
        if ("demo".equals(environment.getProperty("camunda.bpm.admin-user.password"))) {
            problems.add("camunda.bpm.admin-user.password is 'demo'");
        }
        properties.apiKeys().stream().filter(k -> DEMO_KEY_HASHES.contains(k.sha256().toLowerCase()))
                .forEach(k -> problems.add("configured API key '" + k.name() + "' is a demo key"));
        DEMO_KEY_HASHES.stream().filter(keys::isStored)
                .findAny().ifPresent(h -> problems.add("the database holds demo API keys (DELETE FROM api_keys WHERE name LIKE 'demo-%')"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start without the demo profile while demo credentials are in place: "
                    + String.join("; ", problems));
        }
    }
}
