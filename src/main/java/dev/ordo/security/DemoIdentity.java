package dev.ordo.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo profile's Tasklist groups: {@code orderReviewers} (manual risk reviews) and
 * {@code customerService} (delivery appointments), with the user {@code demo} in both.
 */
@Component
@Profile("demo")
// Camunda ids allow letters and digits only (generalResourceWhitelistPattern), hence camelCase group ids.
class DemoIdentity {
    static final String[][] GROUPS = {{"orderReviewers", "Order reviewers"}, {"customerService", "Customer service"}};
    private final IdentityService identity;

    DemoIdentity(IdentityService identity) {
        this.identity = identity;
    }

    @EventListener(ApplicationStartedEvent.class)
    void createGroups() {
        for (String[] g : GROUPS) {
            if (identity.createGroupQuery().groupId(g[0]).count() == 0) {
                var group = identity.newGroup(g[0]);
                group.setName(g[1]);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
            if (identity.createUserQuery().userId("demo").count() > 0
                    && identity.createUserQuery().userId("demo").memberOfGroup(g[0]).count() == 0) {
                identity.createMembership("demo", g[0]);
            }
        }
    }
}
