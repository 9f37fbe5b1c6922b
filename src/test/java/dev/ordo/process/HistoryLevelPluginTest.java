package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * History level {@code ordo} (production on PostgreSQL): keeps what Cockpit, migrations and operators read,
 * leaves out the per-order rows nothing reads (docs/benchmarks.md, tuning steps 2, 5 and 7).
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

    @Test
    void exclusiveGatewaysLeaveNoActivityRowButEveryOtherStepAndAWaitingJoinDo() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:history-level-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                        .setHistory("ordo")
                        .setJobExecutorActivate(false);
        configuration.getProcessEnginePlugins().add(new HistoryLevelPlugin());
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addModelInstance("p.bpmn", Bpmn.createExecutableProcess("p")
                    .camundaHistoryTimeToLive(1)
                    .startEvent("Event_Start")
                    .exclusiveGateway("Gateway_Route")
                    .parallelGateway("Gateway_Split")
                    .userTask("Task_Wait")
                    .parallelGateway("Gateway_Join")
                    .endEvent("Event_End")
                    .moveToNode("Gateway_Split").connectTo("Gateway_Join")
                    .done()).deploy();
            String id = engine.getRuntimeService().startProcessInstanceByKey("p").getId();
            HistoryService history = engine.getHistoryService();

            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).unfinished().list())
                    .extracting(HistoricActivityInstance::getActivityId)
                    .as("a join holding a token stays visible, so the migration dry run can list it")
                    .containsExactlyInAnyOrder("Task_Wait", "Gateway_Join");

            engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId());
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getEndTime()).isNotNull();
            List<HistoricActivityInstance> passed = history.createHistoricActivityInstanceQuery().processInstanceId(id).list();
            assertThat(passed).extracting(HistoricActivityInstance::getActivityId)
                    .containsExactlyInAnyOrder("Event_Start", "Gateway_Split", "Task_Wait", "Gateway_Join", "Gateway_Join", "Event_End");
            assertThat(passed).allSatisfy(a -> assertThat(a.getEndTime()).as(a.getActivityId() + " ended").isNotNull());
        } finally {
            engine.close();
        }
    }
}
