package dev.ordo.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Evaluates a DMN decision for a running order, bound to the deployment of the order's process
 * definition (the same binding as {@code camunda:decisionRefBinding="deployment"}): an order keeps
 * the rules it started with even after analysts deploy new ones.
 */
@Component
public class Decisions {
    private final DecisionService decisionService;
    private final RepositoryService repository;
    private final Map<String, String> decisionIds = new ConcurrentHashMap<>();

    Decisions(DecisionService decisionService, RepositoryService repository) {
        this.decisionService = decisionService;
        this.repository = repository;
    }

    /** The single result of {@code decisionKey}; fails when no rule matches. */
    public Map<String, Object> evaluate(String decisionKey, String processDefinitionId, Map<String, Object> inputs) {
        String decisionId = decisionIds.computeIfAbsent(processDefinitionId + "/" + decisionKey, k -> {
            String deploymentId = repository.getProcessDefinition(processDefinitionId).getDeploymentId();
            DecisionDefinition decision = repository.createDecisionDefinitionQuery().deploymentId(deploymentId)
                    .decisionDefinitionKey(decisionKey).singleResult();
            if (decision == null) {
                throw new IllegalStateException("Decision '" + decisionKey + "' is not deployed with process definition "
                        + processDefinitionId + ": deploy it together with the diagram");
            }
            return decision.getId();
        });
        var result = decisionService.evaluateDecisionTableById(decisionId).variables(inputs).evaluate();
        if (result.isEmpty()) {
            throw new IllegalStateException("Decision '" + decisionKey + "' has no rule for " + inputs);
        }
        return result.getFirstResult().getEntryMap();
    }
}
