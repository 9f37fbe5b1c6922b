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
import dev.ordo.process.FeelParseCachePlugin;

/**
 * One DMN table from {@code decisions/}, evaluated by Camunda's DMN engine exactly as analysts saved
 * it, remembering which rules matched so a test class can insist that every rule was exercised.
 * The engine uses Ordo's FEEL engine (FeelParseCachePlugin, as in production); every evaluation is
 * repeated on Camunda's own FEEL engine and must give the same result, so the table tests also prove
 * the parse cache changes no decision.
 */
final class DecisionTable {
    private final DmnEngine engine;
    private final DmnDecision decision;
    private final DmnEngine camundaEngine;
    private final DmnDecision camundaDecision;
    private final Set<String> matched = new TreeSet<>();

    DecisionTable(String file, String decisionKey) {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(event -> record(event)));
        configuration.setFeelEngineFactory(FeelParseCachePlugin.cachingFeelEngine(List.of()));
        engine = configuration.buildEngine();
        camundaEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        decision = parse(engine, file, decisionKey);
        camundaDecision = parse(camundaEngine, file, decisionKey);
    }

    private static DmnDecision parse(DmnEngine engine, String file, String decisionKey) {
        try (InputStream in = new FileInputStream("decisions/" + file)) {
            return engine.parseDecision(decisionKey, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(DmnDecisionTableEvaluationEvent event) {
        event.getMatchingRules().forEach(rule -> matched.add(rule.getId()));
    }

    DmnDecisionResult evaluate(Map<String, Object> inputs) {
        DmnDecisionResult result = engine.evaluateDecision(decision, inputs);
        assertThat(result.getResultList())
                .as("%s for %s: Ordo's FEEL engine (parse cache) must decide as Camunda's", decision.getKey(), inputs)
                .isEqualTo(camundaEngine.evaluateDecision(camundaDecision, inputs).getResultList());
        return result;
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
