package dev.ordo.process;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** What is piling up inside the engine, for the metrics: open incidents and due jobs nobody has picked up. */
@Component
public class EngineBacklog {
    private final RuntimeService runtime;
    private final ManagementService management;

    EngineBacklog(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    /** Incidents that have not been resolved (all types: failed jobs, failed external tasks, ...). */
    public long openIncidents() {
        return runtime.createIncidentQuery().count();
    }

    /**
     * Jobs that could run now (active, retries left, due) but that no job executor has acquired yet:
     * a growing number means the job executor does not keep up (or is not running).
     */
    public long dueJobsNotAcquired() {
        long executable = management.createJobQuery().active().executable().count();
        long acquired = management.createJobQuery().active().executable().acquired().count();
        return Math.max(0, executable - acquired);
    }
}
