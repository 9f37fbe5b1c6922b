package dev.ordo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * The FEEL engine Ordo's decision tables run on: it must answer exactly as Camunda's own FEEL engine,
 * while parsing each expression only once. (The decision table tests compare the two on every table.)
 */
class FeelParseCachePluginTest {
    private final FeelParseCachePlugin.CachingFeelEngine cached =
            (FeelParseCachePlugin.CachingFeelEngine) FeelParseCachePlugin.cachingFeelEngine(List.of()).createInstance();
    private final FeelEngine camunda = new ScalaFeelEngine(List.of());

    private static VariableContext vars(Map<String, Object> values) {
        return Variables.fromMap(values).asVariableContext();
    }

    @Test
    void unaryTestsAnswerAsCamundasEngineForEveryInputAndParseOnce() {
        for (String test : List.of("[1000..5000)", ">= 5000", "\"us-east\",\"us-west\"", "-", "not(\"EU\")",
                "> orderTotal * 2", "true", "null")) {
            for (Object input : new Object[] {999.99, 1000, 5000.0, "us-east", "EU", true, null}) {
                var withInput = Variables.createVariables().putValue("orderTotal", 400).putValue("x", input);
                assertThat(cached.evaluateSimpleUnaryTests(test, "x", withInput.asVariableContext()))
                        .as("%s against %s", test, input)
                        .isEqualTo(camunda.evaluateSimpleUnaryTests(test, "x", withInput.asVariableContext()));
            }
        }
        int parsed = cached.cachedExpressions();
        cached.evaluateSimpleUnaryTests(">= 5000", "x", vars(Map.of("x", 1)));
        assertThat(cached.cachedExpressions()).as("a second evaluation parses nothing new").isEqualTo(parsed)
                .isEqualTo(8);
    }

    @Test
    void expressionsAnswerAsCamundasEngineIncludingBuiltInFunctions() {
        VariableContext context = vars(Map.of("orderTotal", 1234.5, "lines", List.of(1, 2, 3), "tier", "gold"));
        for (String expression : List.of("orderTotal * 2", "sum(lines)", "count(lines) > 2",
                "if tier = \"gold\" then \"FEDEX\" else \"UPS\"", "upper case(tier)", "floor(orderTotal)",
                "date(\"2026-11-21\") + duration(\"P2D\")", "missing", "\"a\" + 1")) {
            Object expected = camunda.evaluateSimpleExpression(expression, context);
            assertThat((Object) cached.evaluateSimpleExpression(expression, context)).as(expression).isEqualTo(expected);
            assertThat((Object) cached.evaluateSimpleExpression(expression, context)).as("%s, from the cache", expression)
                    .isEqualTo(expected);
        }
    }

    @Test
    void anExpressionThatDoesNotParseFailsWithCamundasErrorEveryTime() {
        String broken = "orderTotal >= (";
        Throwable expected = catchThrowable(() -> camunda.evaluateSimpleExpression(broken, vars(Map.of("orderTotal", 1))));
        assertThat(expected).isInstanceOf(FeelException.class);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cached.evaluateSimpleExpression(broken, vars(Map.of("orderTotal", 1))))
                    .isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
        }
    }

    @Test
    void anAssertionFailureInATableCellIsAnErrorAsInCamundasEngine() {
        String expression = "assert(orderTotal, orderTotal > 0, \"total must be positive\")";
        VariableContext context = vars(Map.of("orderTotal", -1));
        Throwable expected = catchThrowable(() -> camunda.evaluateSimpleExpression(expression, context));
        assertThat(expected).isInstanceOf(FeelException.class);
        assertThatThrownBy(() -> cached.evaluateSimpleExpression(expression, context))
                .isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
    }

    private static Throwable catchThrowable(Runnable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call::run);
    }
}
