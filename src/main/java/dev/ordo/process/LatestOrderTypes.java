package dev.ordo.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Which version of each order type new orders start on, remembered for {@link #FRESH_FOR_NANOS} (one
 * second): asking the engine on every placement (a process definition query, its SQL assembled per
 * call) was 1.6 % of Ordo's CPU samples at saturation. A version deployed through this node's engine
 * (Modeler, the REST API, the tests) applies to the placements after it, since parsing it forgets what is
 * remembered here (a placement that looks between the parse and the deployment's commit may remember the
 * previous version, for at most a second); a version deployed on another node, or a type suspended or
 * resumed in Cockpit, applies within a second. Unknown types are not remembered (a client could send any name).
 */
@Component
class LatestOrderTypes extends AbstractProcessEnginePlugin {
    static final long FRESH_FOR_NANOS = 1_000_000_000L;

    private record Remembered(OrderType type, long until) {
    }

    private final Map<String, Remembered> byType = new ConcurrentHashMap<>();

    Optional<OrderType> get(String type, Function<String, Optional<OrderType>> lookup) {
        long now = System.nanoTime();
        Remembered remembered = byType.get(type);
        if (remembered != null && now - remembered.until() < 0) {
            return Optional.of(remembered.type());
        }
        Optional<OrderType> found = lookup.apply(type);
        found.ifPresentOrElse(t -> byType.put(type, new Remembered(t, now + FRESH_FOR_NANOS)), () -> byType.remove(type));
        return found;
    }

    void forget() {
        byType.clear();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                forget();
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
