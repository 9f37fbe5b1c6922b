package dev.ordo.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;

/**
 * One DMN table from {@code decisions/}, evaluated by Camunda's DMN engine exactly as analysts saved
 * it, remembering which rules matched so a test class can insist that every rule was exercised.
 */
final class DecisionTable {
    private final DmnEngine engine;
    private final DmnDecision decision;
    private final Set<String> matched = new TreeSet<>();

    DecisionTable(String file, String decisionKey) {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(event -> record(event)));
        engine = configuration.buildEngine();
        try (InputStream in = new FileInputStream("decisions/" + file)) {
            decision = engine.parseDecision(decisionKey, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(DmnDecisionTableEvaluationEvent event) {
        event.getMatchingRules().forEach(rule -> matched.add(rule.getId()));
    }

    DmnDecisionResult evaluate(Map<String, Object> inputs) {
        return engine.evaluateDecision(decision, inputs);
    }

    /** The values of one output column over all matched rules, in hit order. */
    List<Object> column(Map<String, Object> inputs, String output) {
        return evaluate(inputs).collectEntries(output);
    }

    void assertEveryRuleMatched() {
        Set<String> all = ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().stream()
                .map(DmnDecisionTableRuleImpl::getId).collect(Collectors.toCollection(TreeSet::new));
        assertThat(matched).as("rules of %s exercised by the table test", decision.getKey()).containsAll(all);
    }
}
