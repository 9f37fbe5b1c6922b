package dev.ordo.process;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.FunctionProvider.CompositeFunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;
import org.springframework.stereotype.Component;

/**
 * Gives the decision tables a FEEL engine that parses each expression once and builds FEEL's built-in
 * functions once, instead of on every evaluation.
 *
 * <p>Camunda 7.24's FEEL integration ({@link ScalaFeelEngine}, feel-scala 1.19) hands the expression text to
 * {@code FeelEngine.evalExpression/evalUnaryTests}, which parse it again every time (feel-scala issue #1149),
 * and feel-scala's {@code FeelEngine.rootContext} is a method that constructs {@code BuiltinFunctions} (a
 * hundred-odd function objects) for every evaluation. A profile of the benchmark found ~10 % of Ordo's CPU in
 * the two, for the same few dozen cells of order-risk, fulfillment-routing and carrier-selection.
 *
 * <p>This engine evaluates as feel-scala's {@code FeelEngine.evaluate} does (same interpreter, same variable
 * context and input-variable name as Camunda's engine, same value mapper and function providers, same
 * failure messages), with the parsed expressions and the root context kept. It uses feel-scala's
 * interpreter classes ({@code org.camunda.feel.impl}), so a Camunda upgrade must re-run
 * {@code FeelParseCachePluginTest}, which compares it with Camunda's engine on every table Ordo deploys.
 * The texts come from deployed tables, so the cache is small; it is emptied if it ever holds more than
 * {@value #MAX_EXPRESSIONS} entries (a deployment churning generated tables).
 */
@Component
public class FeelParseCachePlugin extends AbstractProcessEnginePlugin {
    static final int MAX_EXPRESSIONS = 10_000;

    /** The FEEL engine factory this plugin installs (also for the decision table tests' own DMN engines). */
    public static FeelEngineFactory cachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
        return () -> new CachingFeelEngine(functionProviders);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        // the engine's DmnEngineConfigurationBuilder completes this configuration (history, EL, scripts)
        dmn.setFeelEngineFactory(cachingFeelEngine(dmn.getFeelCustomFunctionProviders()));
        configuration.setDmnEngineConfiguration(dmn);
    }

    static final class CachingFeelEngine extends ScalaFeelEngine {
        /** The variable under which Camunda passes the name of a unary test's input ({@code ScalaFeelEngine}). */
        private static final String INPUT_VARIABLE = "inputVariableName";

        private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
        private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
        // set by buildFeelEngine, which the super constructor calls (so no initialisers here)
        private CompositeValueMapper valueMapper;
        private EvalContext rootContext;
        private FeelInterpreter interpreter;

        CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders);
        }

        @Override
        protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions, CompositeValueMapper valueMapper) {
            FeelEngine engine = super.buildFeelEngine(functions, valueMapper);
            this.valueMapper = valueMapper;
            this.interpreter = new FeelInterpreter(valueMapper);
            this.rootContext = EvalContext.create(valueMapper, new CompositeFunctionProvider(toScalaList(
                    (FunctionProvider) new BuiltinFunctions(engine.clock(), valueMapper), functions)));
            return engine;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
            Context context = new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return new ContextVariableWrapper(variableContext);
                }
            };
            return (T) evaluate(parsed(expressions, expression, feelEngine::parseExpression), context);
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
            VariableProvider variables = new CompositeVariableProvider(toScalaList(
                    new StaticVariableProvider(new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE, inputVariable)),
                    new ContextVariableWrapper(variableContext)));
            Context context = new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return variables;
                }
            };
            return Boolean.TRUE.equals(evaluate(parsed(unaryTests, expression, feelEngine::parseUnaryTests), context));
        }

        /** How many distinct expressions are parsed and kept (tests). */
        int cachedExpressions() {
            return expressions.size() + unaryTests.size();
        }

        private static Either<Failure, ParsedExpression> parsed(Map<String, Either<Failure, ParsedExpression>> cache,
                String expression, Function<String, Either<Failure, ParsedExpression>> parser) {
            Either<Failure, ParsedExpression> parsed = cache.get(expression);
            if (parsed == null) {
                if (cache.size() >= MAX_EXPRESSIONS) {
                    cache.clear();
                }
                parsed = cache.computeIfAbsent(expression, parser);
            }
            return parsed;
        }

        /** feel-scala's FeelEngine.evaluate + eval(ParsedExpression, EvalContext), with the root context kept. */
        private Object evaluate(Either<Failure, ParsedExpression> parsed, Context context) {
            if (parsed instanceof Left<Failure, ParsedExpression> failure) {
                throw LOGGER.evaluationException(failure.value().message());
            }
            ParsedExpression expression = ((Right<Failure, ParsedExpression>) parsed).value();
            Val value;
            EvalContext evalContext;
            try {
                evalContext = EvalContext.empty(valueMapper).merge(rootContext).merge(context);
                value = interpreter.eval(expression.expression(), evalContext);
            } catch (RuntimeException e) {
                throw LOGGER.evaluationException("failed to evaluate expression '" + expression.text() + "' : " + e);
            }
            evalContext.failureCollector().failures().find(f -> f.failureType() == EvaluationFailureType.ASSERT_FAILURE$.MODULE$)
                    .foreach(f -> {
                        throw LOGGER.evaluationException("Assertion failure on evaluate the expression '"
                                + expression.text() + "': " + f.failureMessage());
                    });
            if (value instanceof ValError error) {
                throw LOGGER.evaluationException("failed to evaluate expression '" + expression.text() + "': " + error.error());
            }
            if (value instanceof ValFatalError error) {
                throw LOGGER.evaluationException("failed to evaluate expression '" + expression.text() + "': " + error.error());
            }
            return valueMapper.unpackVal(value);
        }
    }
}
