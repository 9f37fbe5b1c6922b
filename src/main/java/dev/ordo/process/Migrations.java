package dev.ordo.process;

import dev.ordo.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * Moves running instances of a process between versions with Camunda's migration API: equal
 * activity ids are mapped, event triggers (messages, timers) follow their new definitions. A dry
 * run reports the plan and every activity where instances wait that the plan cannot map; the real
 * run refuses such a plan and otherwise migrates as a Camunda batch.
 */
@Component
public class Migrations {
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final HistoryService history;
    private final ManagementService management;

    Migrations(RuntimeService runtime, RepositoryService repository, HistoryService history, ManagementService management) {
        this.runtime = runtime;
        this.repository = repository;
        this.history = history;
        this.management = management;
    }

    public record Report(String processDefinitionKey, int fromVersion, int toVersion, boolean dryRun, long instances,
                         List<String> mappedActivities, List<Unmapped> unmappedActivities, List<String> planProblems,
                         String batchId, String status) {
        public boolean migratable() {
            return unmappedActivities.isEmpty() && planProblems.isEmpty();
        }
    }

    public record Unmapped(String activityId, long waitingInstances) {}

    public record BatchStatus(String batchId, String status, long total, long remaining, long completed, long failed) {}

    public Report migrate(String processKey, int fromVersion, int toVersion, boolean dryRun) {
        ProcessDefinition source = definition(processKey, fromVersion, "fromVersion");
        ProcessDefinition target = definition(processKey, toVersion, "toVersion");
        if (fromVersion == toVersion) {
            throw ApiException.badRequest("toVersion", "must differ from fromVersion");
        }
        long instances = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
        MigrationPlan plan = null;
        List<String> problems = new ArrayList<>();
        try {
            plan = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers().build();
        } catch (MigrationPlanValidationException e) {
            e.getValidationReport().getInstructionReports().forEach(r -> r.getFailures()
                    .forEach(f -> problems.add(r.getMigrationInstruction().getSourceActivityId() + ": " + f)));
        }
        Set<String> mapped = plan == null ? Set.of() : plan.getInstructions().stream()
                .map(MigrationInstruction::getSourceActivityId).collect(Collectors.toSet());
        Map<String, Long> waiting = new TreeMap<>(history.createHistoricActivityInstanceQuery()
                .processDefinitionId(source.getId()).unfinished().list().stream()
                .collect(Collectors.groupingBy(HistoricActivityInstance::getActivityId, Collectors.counting())));
        List<Unmapped> unmapped = waiting.entrySet().stream()
                .filter(e -> !mapped.contains(e.getKey()) && !e.getKey().endsWith("#multiInstanceBody"))
                .map(e -> new Unmapped(e.getKey(), e.getValue())).toList();
        List<String> mappedIds = mapped.stream().sorted().toList();
        if (dryRun || instances == 0) {
            return new Report(processKey, fromVersion, toVersion, dryRun, instances, mappedIds, unmapped, problems, null,
                    dryRun ? "DRY_RUN" : "NOTHING_TO_MIGRATE");
        }
        Report refused = new Report(processKey, fromVersion, toVersion, false, instances, mappedIds, unmapped, problems, null, "REFUSED");
        if (!refused.migratable()) {
            throw ApiException.conflict("version " + fromVersion + " cannot be migrated to " + toVersion + ": "
                    + (problems.isEmpty() ? "instances wait at unmapped activities " + unmapped : String.join("; ", problems)));
        }
        var batch = runtime.newMigration(plan).processInstanceQuery(
                runtime.createProcessInstanceQuery().processDefinitionId(source.getId())).executeAsync();
        return new Report(processKey, fromVersion, toVersion, false, instances, mappedIds, unmapped, problems, batch.getId(), "STARTED");
    }

    public BatchStatus batch(String batchId) {
        var running = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
        if (running != null) {
            return new BatchStatus(batchId, running.getFailedJobs() > 0 ? "FAILING" : "RUNNING", running.getTotalJobs(),
                    running.getRemainingJobs(), running.getCompletedJobs(), running.getFailedJobs());
        }
        var done = history.createHistoricBatchQuery().batchId(batchId).singleResult();
        if (done == null) throw ApiException.notFound("migration batch " + batchId);
        return new BatchStatus(batchId, done.getEndTime() == null ? "RUNNING" : "COMPLETED", done.getTotalJobs(), 0,
                done.getTotalJobs(), 0);
    }

    private ProcessDefinition definition(String key, int version, String field) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult();
        if (definition == null) {
            throw ApiException.unprocessable(field, "process " + key + " has no version " + version);
        }
        return definition;
    }
}
