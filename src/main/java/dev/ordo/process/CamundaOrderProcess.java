package dev.ordo.process;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/** {@link OrderProcess} on Camunda 7: message names and process keys live here and in the diagrams. */
@Component
class CamundaOrderProcess implements OrderProcess {
    static final String MESSAGE_STOCK_REPLENISHED = "StockReplenished";
    static final String MESSAGE_SHIPMENT_SHIPPED = "ShipmentShipped-";
    static final String MESSAGE_SHIPMENT_DELIVERED = "ShipmentDelivered-";
    static final String MESSAGE_RETURN_RECEIVED = "ReturnReceived-";
    static final String MESSAGE_SHIPMENT_EXCEPTION = "ShipmentException-";
    static final String RETURN_PROCESS = "return-order";
    static final String MESSAGE_CANCEL_ORDER = "CancelOrder";
    static final String MESSAGE_ORDER_MODIFIED = "OrderModified";
    static final String MESSAGE_HOLD_RELEASED = "HoldReleased";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CamundaOrderProcess.class);
    private final RuntimeService runtime;
    private final RepositoryService repository;
    /** Metadata per process definition id; deployed definitions never change. */
    private final Map<String, OrderType> types = new ConcurrentHashMap<>();
    private final LatestOrderTypes latest;

    CamundaOrderProcess(RuntimeService runtime, RepositoryService repository, LatestOrderTypes latest) {
        this.runtime = runtime;
        this.repository = repository;
        this.latest = latest;
    }

    @Override
    public Started start(OrderType type, String orderId) {
        ProcessInstance instance;
        try {
            // by id: the version the placement checked, and no second "latest version" query
            instance = runtime.createProcessInstanceById(type.processDefinitionId())
                    .businessKey(orderId)
                    .execute();
        } catch (org.camunda.bpm.engine.OptimisticLockingException | org.camunda.bpm.engine.ProcessEnginePersistenceException e) {
            throw e; // a concurrent change or the database (e.g. restarting), not the diagram: ProblemHandler answers
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
            // A diagram deployed without what it calls (e.g. Modeler's Deploy without the shared processes).
            log.error("Order type {} cannot start: {}", type.type(), e.getMessage());
            throw dev.ordo.web.ApiException.unprocessable("orderType", "order type '" + type.type()
                    + "' cannot take orders right now (its diagram does not start: " + e.getMessage()
                    + "); operators have been alerted in the log");
        }
        // started by id: exactly the version the placement checked and recorded on the order
        return new Started(instance.getId(), type.processDefinitionKey(), type.version());
    }

    /**
     * Loads the latest process definitions into the engine's deployment cache before orders arrive.
     * Versions deployed by an earlier run (or another node) are otherwise parsed on first use, and
     * many orders starting at that moment have been seen to race in the cache ("processDefinitionId
     * is null" on PostgreSQL right after a restart).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    void warmDeploymentCache() {
        repository.createProcessDefinitionQuery().latestVersion().list()
                .forEach(d -> repository.getProcessDefinition(d.getId()));
        repository.createDecisionDefinitionQuery().latestVersion().list()
                .forEach(d -> repository.getDecisionDefinition(d.getId()));
        orderTypes();
    }

    @Override
    public List<OrderType> orderTypes() {
        return repository.createProcessDefinitionQuery()
                .processDefinitionKeyLike(OrderType.KEY_PREFIX + "%").latestVersion().list().stream()
                .filter(d -> d.getKey().startsWith(OrderType.KEY_PREFIX) && !d.isSuspended())
                .map(this::describe)
                .sorted(Comparator.comparing(OrderType::type))
                .toList();
    }

    @Override
    public Optional<OrderType> orderType(String type) {
        return latest.get(type, t -> Optional.ofNullable(repository.createProcessDefinitionQuery()
                        .processDefinitionKey(OrderType.KEY_PREFIX + t).latestVersion().singleResult())
                .filter(d -> !d.isSuspended())
                .map(this::describe));
    }

    private OrderType describe(ProcessDefinition definition) {
        return types.computeIfAbsent(definition.getId(), id -> {
            Process process = repository.getBpmnModelInstance(id).getModelElementById(definition.getKey());
            Map<String, String> props = new java.util.HashMap<>();
            if (process != null && process.getExtensionElements() != null) {
                process.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
                        .forEach(p -> p.getCamundaProperties().forEach((CamundaProperty prop) ->
                                props.put(prop.getCamundaName(), prop.getCamundaValue())));
            }
            String type = definition.getKey().substring(OrderType.KEY_PREFIX.length());
            String name = props.getOrDefault("displayName", definition.getName() != null ? definition.getName() : type);
            boolean requiresShipping = !"false".equalsIgnoreCase(props.getOrDefault("requiresShipping", "true"));
            List<String> methods = Arrays.stream(props.getOrDefault("paymentMethods", "").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            return new OrderType(type, name, definition.getKey(), definition.getVersion(), requiresShipping, methods,
                    definition.getId());
        });
    }

    @Override
    public boolean shipmentShipped(String shipmentId) {
        return deliver(MESSAGE_SHIPMENT_SHIPPED + shipmentId);
    }

    @Override
    public boolean shipmentDelivered(String shipmentId) {
        return deliver(MESSAGE_SHIPMENT_DELIVERED + shipmentId);
    }

    @Override
    public boolean shipmentException(String shipmentId) {
        return deliver(MESSAGE_SHIPMENT_EXCEPTION + shipmentId);
    }

    /**
     * Delivers a message whose name already says which instance waits for it (the shipment or return
     * id is part of the name) to every execution subscribed to it; false when none is. The same as
     * {@code createMessageCorrelation(name).correlateAllWithResult()}, for these names, at a third of its
     * queries: correlation looks for waiting executions with the engine's generic execution query (a
     * join of executions and subscriptions, its SQL assembled per call: 2.4 % of Ordo's CPU samples at
     * saturation, two carrier events per order), then for message start events, then for the
     * subscription again. Here: the subscriptions by name (one table), then each one's trigger. Carrier
     * events lock their shipment first, so two events for one shipment do not race here.
     */
    private boolean deliver(String messageName) {
        List<String> waiting = runtime.createEventSubscriptionQuery().eventType("message").eventName(messageName).list()
                .stream().map(org.camunda.bpm.engine.runtime.EventSubscription::getExecutionId).toList();
        waiting.forEach(executionId -> runtime.messageEventReceived(messageName, executionId));
        return !waiting.isEmpty();
    }

    @Override
    public void startReturn(String orderId, String returnId) {
        runtime.createProcessInstanceByKey(RETURN_PROCESS).businessKey(orderId)
                .setVariable("returnId", returnId).execute();
    }

    @Override
    public boolean returnReceived(String returnId) {
        return deliver(MESSAGE_RETURN_RECEIVED + returnId);
    }

    @Override
    public boolean cancel(String orderId) {
        try {
            // Only the order type's (root) process has a CancelOrder subscription.
            return !runtime.createMessageCorrelation(MESSAGE_CANCEL_ORDER).processInstanceBusinessKey(orderId)
                    .correlateAllWithResult().isEmpty();
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
            throw new ConcurrentChange(e);
        }
    }

    @Override
    public boolean orderModified(String orderId, Modification modification) {
        try {
            // Only fulfil-order has an OrderModified subscription (one per running fulfilment, a
            // backordered remainder included; its steps are idempotent per modification). The
            // variables go to the event subprocess's own scope, so each run starts from these values.
            return !runtime.createMessageCorrelation(MESSAGE_ORDER_MODIFIED).processInstanceBusinessKey(orderId)
                    .setVariablesToTriggeredScope(Map.of("modification", modification.number(),
                            "addressChanged", modification.addressChanged(), "linesChanged", modification.linesChanged(),
                            "relabelShipments", "", "replacedAuthorization", "", "replacedAmount", "0"))
                    .correlateAllWithResult().isEmpty();
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
            throw new ConcurrentChange(e);
        }
    }

    @Override
    public void linesChanged(String orderId, java.math.BigDecimal total, String productCategory) {
        Map<String, Object> derived = Map.of("orderTotal", total.doubleValue(), "productCategory", productCategory);
        String[] instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).list().stream()
                .map(ProcessInstance::getId).toArray(String[]::new);
        if (instances.length == 0) return;
        try {
            // Only where a variable of that name exists (process instance scope, as the call activities'
            // in-mappings set them: screen-order orderTotal, fulfil-order both, and an order type's instance
            // of a version from before orderFacts both): no new variables in other scopes or processes.
            for (var variable : runtime.createVariableInstanceQuery().processInstanceIdIn(instances)
                    .variableNameIn(derived.keySet().toArray(String[]::new)).list()) {
                if (variable.getTaskId() == null) {
                    runtime.setVariableLocal(variable.getExecutionId(), variable.getName(), derived.get(variable.getName()));
                }
            }
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
            throw new ConcurrentChange(e);
        }
    }

    @Override
    public boolean holdReleased(String orderId) {
        try {
            return !runtime.createMessageCorrelation(MESSAGE_HOLD_RELEASED).processInstanceBusinessKey(orderId)
                    .correlateAllWithResult().isEmpty();
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
            throw new ConcurrentChange(e);
        }
    }

    @Override
    public void stockReplenished(List<String> orderIds) {
        for (String orderId : orderIds) {
            runtime.createMessageCorrelation(MESSAGE_STOCK_REPLENISHED).processInstanceBusinessKey(orderId).correlateAll();
        }
    }
}
