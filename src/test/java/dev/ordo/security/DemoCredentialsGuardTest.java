package dev.ordo.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordo.OrdoApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Outside the demo profile Ordo must not run with the demo credentials. */
class DemoCredentialsGuardTest {

    /** Ordo with the test profile only; command-line arguments beat surefire's demo profile. */
    private static Starter ordo(String... properties) {
        var args = new java.util.ArrayList<>(java.util.List.of("--spring.profiles.active=test",
                "--camunda.bpm.job-execution.enabled=false", "--server.port=0"));
        for (String property : properties) args.add("--" + property);
        return () -> new SpringApplicationBuilder(OrdoApplication.class).run(args.toArray(String[]::new));
    }

    private interface Starter {
        ConfigurableApplicationContext run();
    }

    @Test
    void withoutTheDemoProfileTheDemoPasswordStopsTheStart() {
        assertThatThrownBy(() -> ordo("camunda.bpm.admin-user.id=demo", "camunda.bpm.admin-user.password=demo").run().close())
                .hasStackTraceContaining("Refusing to start without the demo profile")
                .hasStackTraceContaining("'demo'");
    }

    @Test
    void withoutTheDemoProfileADemoApiKeyStopsTheStart() {
        assertThatThrownBy(() -> ordo("ordo.security.api-keys[0].name=demo-ops-key",
                "ordo.security.api-keys[0].role=ops",
                "ordo.security.api-keys[0].sha256=" + ApiKeys.sha256("demo-ops-key")).run().close())
                .hasStackTraceContaining("is a demo key");
    }

    @Test
    void withoutTheDemoProfileOrdoStartsWithNoApiKeysAndNoCamundaUsers() {
        try (ConfigurableApplicationContext context = ordo().run()) {
            var keys = context.getBean(ApiKeys.class);
            assertThat(keys.authenticate("demo-web-key")).isEmpty();
            var identity = context.getBean(org.camunda.bpm.engine.IdentityService.class);
            assertThat(identity.createUserQuery().count()).isZero();
        }
    }
}
