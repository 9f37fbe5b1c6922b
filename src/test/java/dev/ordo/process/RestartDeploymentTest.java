package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordo.OrdoApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Restarting Ordo on the same database must not create new versions of unchanged diagrams, tables or forms. */
class RestartDeploymentTest {

    @TempDir Path data;

    private Map<String, Integer> versionsAfterStart() {
        String url = "jdbc:h2:file:" + data.resolve("ordo").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OrdoApplication.class).run(
                "--spring.profiles.active=test", "--spring.datasource.url=" + url, "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false")) {
            RepositoryService repository = context.getBean(RepositoryService.class);
            Map<String, Integer> versions = new TreeMap<>();
            repository.createProcessDefinitionQuery().latestVersion().list()
                    .forEach(d -> versions.put("bpmn:" + d.getKey(), d.getVersion()));
            repository.createDecisionDefinitionQuery().latestVersion().list()
                    .forEach(d -> versions.put("dmn:" + d.getKey(), d.getVersion()));
            versions.put("deployments", (int) repository.createDeploymentQuery().count());
            return versions;
        }
    }

    @Test
    void restartingWithUnchangedFilesDeploysNothingNew() throws Exception {
        Map<String, Integer> first = versionsAfterStart();
        assertThat(first).containsKeys("bpmn:order-standard", "bpmn:fulfil-order", "dmn:carrier-selection");
        assertThat(Files.list(data).count()).as("the file database exists").isPositive();

        Map<String, Integer> second = versionsAfterStart();

        assertThat(second).isEqualTo(first);
    }
}
