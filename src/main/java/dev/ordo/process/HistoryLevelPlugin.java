package dev.ordo.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * Offers the history level {@code ordo} ({@code camunda.bpm.history-level: ordo}): Camunda's full history
 * without the kinds of rows every order writes many of and nothing reads here: the job log (four
 * rows per async step), decision evaluations with their inputs and outputs (three tables per DMN call),
 * historic variables (~37 rows per order, each inserted and updated again: process variables hold ids and
 * routing flags only, the order itself lives in Ordo's tables, and Cockpit shows the runtime variables of
 * running orders) and the per-update variable details. Everything Cockpit, Ordo's migrations (unfinished
 * activity instances, finished batches) and the process tests read stays: process, activity and task
 * instances (but not of exclusive gateways, below), incidents, batches, identity links, the user operation log.
 * Ordo's own timeline (order_events) is the business history; docs/benchmarks.md has the measurement.
 * A database created with another level keeps it: the engine refuses to start when the configured
 * level differs from the one stored in ACT_GE_PROPERTY (see docs/operations.md).
 */
@Component
class HistoryLevelPlugin extends AbstractProcessEnginePlugin {
    static final HistoryLevel ORDO = new OrdoHistoryLevel();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(ORDO);
        configuration.setCustomHistoryLevels(levels);
    }

    static final class OrdoHistoryLevel implements HistoryLevel {
        private static final Set<HistoryEventType> LEFT_OUT = Set.of(
                HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_FAIL, HistoryEventTypes.JOB_SUCCESS,
                HistoryEventTypes.JOB_DELETE, HistoryEventTypes.DMN_DECISION_EVALUATE,
                HistoryEventTypes.VARIABLE_INSTANCE_CREATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
                HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
                HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL);

        @Override
        public int getId() {
            return 17; // not one of Camunda's (0-3) nor its "auto" (-1)
        }

        @Override
        public String getName() {
            return "ordo";
        }

        /**
         * Activity types whose activity instances leave no history row. An exclusive gateway only picks a
         * flow: it never holds a token (the next activity's row shows the path taken), yet a standard order
         * passes 17 of them, each an INSERT and an UPDATE of ACT_HI_ACTINST. Parallel and inclusive gateways
         * stay: their joins hold waiting tokens, which the migration dry run (Migrations) lists from the
         * unfinished activity instances.
         */
        private static final Set<String> UNRECORDED_ACTIVITIES = Set.of(ActivityTypes.GATEWAY_EXCLUSIVE);
        private static final Set<HistoryEventType> ACTIVITY_EVENTS = Set.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
                HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_END,
                HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE);

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (LEFT_OUT.contains(eventType)) {
                return false;
            }
            if (ACTIVITY_EVENTS.contains(eventType) && entity instanceof ExecutionEntity execution && execution.getActivity() != null
                    && UNRECORDED_ACTIVITIES.contains(execution.getActivity().getProperties().get(BpmnProperties.TYPE))) {
                return false;
            }
            return HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
        }
    }
}
