package dev.ordo.process;

import dev.ordo.order.OrderMilestones;
import dev.ordo.order.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Order statuses are milestones in the diagrams: any flow node with the extension property
 * {@code orderStatus=<STATUS>} moves the order to that status when it is reached, in the engine's
 * transaction. Catch events count when they are triggered (their end), every other node when it
 * starts. A misspelt status fails the deployment, so analysts see it in Modeler's deploy dialog.
 */
@Component
class MilestonePlugin extends AbstractProcessEnginePlugin {
    static final String PROPERTY = "orderStatus";
    private final OrderMilestones milestones;

    MilestonePlugin(OrderMilestones milestones) {
        this.milestones = milestones;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new Parser());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final class Parser extends AbstractBpmnParseListener {
        private void milestone(Element element, ActivityImpl activity) {
            Element properties = BpmnParseUtil.findCamundaExtensionElement(element, "properties");
            if (properties == null) return;
            for (Element property : properties.elements()) {
                if (PROPERTY.equals(property.attribute("name"))) {
                    OrderStatus status = OrderStatus.valueOf(property.attribute("value").trim());
                    String event = "intermediateCatchEvent".equals(element.getTagName())
                            ? ExecutionListener.EVENTNAME_END : ExecutionListener.EVENTNAME_START;
                    String name = element.attribute("name") != null ? element.attribute("name") : activity.getId();
                    activity.addListener(event, (ExecutionListener) execution -> {
                        var definition = execution.getProcessEngineServices().getRepositoryService()
                                .getProcessDefinition(execution.getProcessDefinitionId()); // from the deployment cache
                        Integer version = definition.getKey().startsWith(OrderType.KEY_PREFIX) ? definition.getVersion() : null;
                        milestones.reached(execution.getProcessBusinessKey(), status, name, version);
                    });
                }
            }
        }

        @Override public void parseStartEvent(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseEndEvent(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseIntermediateThrowEvent(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseIntermediateCatchEvent(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseBoundaryEvent(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseServiceTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseBusinessRuleTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseUserTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseManualTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseScriptTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseSendTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseReceiveTask(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseSubProcess(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
        @Override public void parseCallActivity(Element e, ScopeImpl s, ActivityImpl a) { milestone(e, a); }
    }
}
