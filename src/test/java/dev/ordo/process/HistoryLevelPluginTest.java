package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.junit.jupiter.api.Test;

/**
 * History level {@code ordo} (production on PostgreSQL): keeps what Cockpit, migrations and operators read,
 * leaves out the per-order rows nothing reads (docs/benchmarks.md, tuning steps 2 and 5).
 */
class HistoryLevelPluginTest {
    private static boolean kept(HistoryEventType type) {
        return HistoryLevelPlugin.ORDO.isHistoryEventProduced(type, null);
    }

    @Test
    void keepsProcessActivityTaskIncidentAndBatchHistoryForCockpitAndMigrations() {
        for (HistoryEventType type : new HistoryEventType[] {HistoryEventTypes.PROCESS_INSTANCE_START,
                HistoryEventTypes.PROCESS_INSTANCE_END, HistoryEventTypes.PROCESS_INSTANCE_MIGRATE,
                HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_END,
                HistoryEventTypes.TASK_INSTANCE_CREATE, HistoryEventTypes.TASK_INSTANCE_COMPLETE,
                HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_RESOLVE,
                HistoryEventTypes.BATCH_START, HistoryEventTypes.BATCH_END, HistoryEventTypes.IDENTITY_LINK_ADD}) {
            assertThat(kept(type)).as("%s is kept", type.getEventName()).isTrue();
        }
    }

    @Test
    void leavesOutJobLogDecisionEvaluationsAndVariableHistory() {
        for (HistoryEventType type : new HistoryEventType[] {HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS,
                HistoryEventTypes.JOB_FAIL, HistoryEventTypes.JOB_DELETE, HistoryEventTypes.DMN_DECISION_EVALUATE,
                HistoryEventTypes.VARIABLE_INSTANCE_CREATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
                HistoryEventTypes.VARIABLE_INSTANCE_DELETE, HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
                HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL}) {
            assertThat(kept(type)).as("%s is left out", type.getEventName()).isFalse();
        }
    }
}
