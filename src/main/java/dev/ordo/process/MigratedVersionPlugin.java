package dev.ordo.process;

import dev.ordo.order.OrderStore;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code orders.process_version} equal to the version the order's process instance runs on when
 * operators migrate it: the engine reports each migrated instance as a history event (type
 * {@code migrate}, at history level {@code activity} and above, so also at Ordo's {@code ordo} and
 * {@code full}), and this handler writes the new version in the migration's own transaction. So reading
 * an order never asks the engine which version it runs (that query was 12 % of Ordo's CPU under load,
 * docs/benchmarks.md, tuning log). New orders get the column at placement and milestones keep it.
 */
@Component
class MigratedVersionPlugin extends AbstractProcessEnginePlugin {
    private final OrderStore orders;

    MigratedVersionPlugin(OrderStore orders) {
        this.orders = orders;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new Handler());
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    private final class Handler implements HistoryEventHandler {
        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricProcessInstanceEventEntity instance
                    && event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_MIGRATE)
                    && instance.getProcessDefinitionKey() != null
                    && instance.getProcessDefinitionKey().startsWith(OrderType.KEY_PREFIX)
                    && instance.getProcessDefinitionVersion() != null && instance.getBusinessKey() != null) {
                orders.setProcessVersion(instance.getBusinessKey(), instance.getProcessDefinitionVersion());
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
