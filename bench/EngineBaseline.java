import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The bare-engine baseline of scripts/benchmark.sh: Camunda 7.24 alone (no Spring, no HTTP, no Ordo
 * tables) running a process with the same steps as a standard order's happy path, with no-op
 * delegates, on the same PostgreSQL, with the job executor, connection pool and JDBC batching that
 * Ordo's own application.yml + application-postgres.yml configure (read from Ordo's jar on the class
 * path; {@code --camunda.bpm....=} arguments override them exactly as they override Ordo).
 *
 * <p>{@code --steps J,J,J,W,J,W}: J is an asynchronous continuation (a job the job executor runs),
 * W a message wait that this driver correlates as soon as the wait has committed (the carrier's
 * event). A closed loop keeps {@code --inflight} instances running and counts instances completed
 * per second after {@code --warmup} seconds.
 *
 * <p>{@code --diagrams=<project dir>} runs Ordo's own diagrams instead: processes/, decisions/ and
 * ui-forms/ deployed as Ordo deploys them (one deployment), a standard order started on
 * {@code order-standard} as Ordo's placement starts it, the benchmark order's facts from a map
 * ({@code orderFacts}, which Ordo reads from the order's row), every delegate a no-op that sets
 * only the variables the happy path's gateways read, the shipment's messages delivered as soon as
 * their wait has committed, and the engine configured as Ordo's (its generic properties, the Spin
 * plugin, Ordo's history level and FEEL cache plugins from its jar). What Ordo adds beyond that (HTTP,
 * its tables, the adapters, milestones, timeline, outbox, webhooks, the storefront's reads) is the
 * difference between this baseline and Ordo.
 */
public class EngineBaseline {
    public static void main(String[] argv) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, String> config = ordoConfig();
        for (String a : argv) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            (kv[0].startsWith("camunda.") || kv[0].startsWith("spring.") ? config : args).put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String[] steps = args.getOrDefault("steps", "J,J,J,W,J,W").split(",");
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "15"));
        int duration = Integer.parseInt(args.getOrDefault("duration", "60"));
        int inflight = Integer.parseInt(args.getOrDefault("inflight", "200"));
        String history = args.getOrDefault("history", "full");

        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(args.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/ordo_bench_baseline"));
        ds.setUsername(args.getOrDefault("db-user", "postgres"));
        ds.setPassword(args.getOrDefault("db-password", ""));
        ds.setMaximumPoolSize(Integer.parseInt(config.getOrDefault("spring.datasource.hikari.maximum-pool-size", "10")));
        // The driver properties Ordo sets (spring.datasource.hikari.data-source-properties.*), e.g. reWriteBatchedInserts.
        String driverProps = "spring.datasource.hikari.data-source-properties.";
        config.forEach((k, v) -> {
            if (k.startsWith(driverProps)) ds.addDataSourceProperty(k.substring(driverProps.length()), v);
        });

        String je = "camunda.bpm.job-execution.";
        DefaultJobExecutor jobs = new DefaultJobExecutor();
        // The starter's defaults (JobExecutionProperty) where Ordo sets nothing.
        jobs.setCorePoolSize(Integer.parseInt(config.getOrDefault(je + "core-pool-size", "3")));
        jobs.setMaxPoolSize(Integer.parseInt(config.getOrDefault(je + "max-pool-size", "10")));
        jobs.setQueueSize(Integer.parseInt(config.getOrDefault(je + "queue-capacity", "3")));
        jobs.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        if (config.containsKey(je + "max-jobs-per-acquisition")) jobs.setMaxJobsPerAcquisition(Integer.parseInt(config.get(je + "max-jobs-per-acquisition")));
        if (config.containsKey(je + "wait-time-in-millis")) jobs.setWaitTimeInMillis(Integer.parseInt(config.get(je + "wait-time-in-millis")));
        if (config.containsKey(je + "max-wait")) jobs.setMaxWait(Long.parseLong(config.get(je + "max-wait")));
        if (config.containsKey(je + "backoff-time-in-millis")) jobs.setBackoffTimeInMillis(Integer.parseInt(config.get(je + "backoff-time-in-millis")));
        if (config.containsKey(je + "max-backoff")) jobs.setMaxBackoff(Long.parseLong(config.get(je + "max-backoff")));
        if (config.containsKey(je + "backoff-decrease-threshold")) jobs.setBackoffDecreaseThreshold(Integer.parseInt(config.get(je + "backoff-decrease-threshold")));
        if (config.containsKey(je + "wait-increase-factor")) jobs.setWaitIncreaseFactor(Float.parseFloat(config.get(je + "wait-increase-factor")));
        if (config.containsKey(je + "lock-time-in-millis")) jobs.setLockTimeInMillis(Integer.parseInt(config.get(je + "lock-time-in-millis")));

        ExecutorService clients = Executors.newFixedThreadPool(Integer.parseInt(args.getOrDefault("clients", "4")));
        Semaphore permits = new Semaphore(inflight);
        ConcurrentLinkedQueue<Long> completions = new ConcurrentLinkedQueue<>();
        RuntimeService[] runtime = new RuntimeService[1];
        AtomicLong failures = new AtomicLong();

        ExecutionListener arrived = execution -> {
            String instance = execution.getProcessInstanceId();
            String message = "Message_" + execution.getCurrentActivityId();
            Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> clients.submit(() -> {
                        try {
                            runtime[0].createMessageCorrelation(message).processInstanceId(instance).correlate();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            permits.release();
                        }
                    }));
        };
        ExecutionListener ended = execution -> Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> {
                    completions.add(System.nanoTime());
                    permits.release();
                });
        JavaDelegate noop = execution -> { };

        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setDataSource(ds);
        cfg.setDatabaseSchemaUpdate("true");
        cfg.setHistory(history);
        cfg.setIdGenerator(new StrongUuidGenerator()); // the starter's default id generator
        cfg.setJdbcBatchProcessing(Boolean.parseBoolean(config.getOrDefault(
                "camunda.bpm.generic-properties.properties.jdbcBatchProcessing", "true")));
        // Job acquisition order as Ordo's (tuning step 6): by priority, then oldest due date first.
        String generic = "camunda.bpm.generic-properties.properties.";
        cfg.setJobExecutorAcquireByPriority(Boolean.parseBoolean(config.getOrDefault(generic + "jobExecutorAcquireByPriority", "false")));
        cfg.setJobExecutorAcquireByDueDate(Boolean.parseBoolean(config.getOrDefault(generic + "jobExecutorAcquireByDueDate", "false")));
        cfg.setEnsureJobDueDateNotNull(Boolean.parseBoolean(config.getOrDefault(generic + "ensureJobDueDateNotNull", "false")));
        cfg.setJobExecutor(jobs);
        cfg.setJobExecutorActivate(true);
        Path diagrams = args.containsKey("diagrams") ? Path.of(args.get("diagrams")) : null;
        if (diagrams != null) {
            OrdoDiagrams.configure(cfg, config, history, clients, runtime, failures, permits, ended);
        } else {
            cfg.setBeans(new java.util.HashMap<>(Map.of("noop", noop, "arrived", arrived, "ended", ended)));
        }
        ProcessEngine engine = cfg.buildProcessEngine();
        runtime[0] = engine.getRuntimeService();
        String processKey = diagrams != null ? OrdoDiagrams.deploy(engine, diagrams) : deployBaseline(engine, steps);

        String database = ds.getJdbcUrl().substring(ds.getJdbcUrl().lastIndexOf('/') + 1);
        long self = ProcessHandle.current().pid();
        long cpuStart = ProcStat.cpuTicks(self), jitStart = ProcStat.jitTicks(self), pgStart = postgresTicks(database);
        long t0 = System.nanoTime();
        Thread feeder = new Thread(() -> {
            try {
                long n = 0;
                while (true) {
                    permits.acquire();
                    long key = n++;
                    clients.submit(() -> {
                        try {
                            // without variables, as Ordo starts an order (its facts: orderFacts)
                            runtime[0].createProcessInstanceByKey(processKey).businessKey("b-" + key).execute();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            permits.release();
                        }
                    });
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        });
        feeder.setDaemon(true);
        feeder.start();
        // As Ordo's run: statistics of a database in use, taken halfway through the warm-up (benchmark.sh).
        Thread.sleep(warmup * 500L);
        try (var connection = ds.getConnection(); var statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        Thread.sleep((warmup + duration) * 1000L - warmup * 500L);
        long cpuEnd = ProcStat.cpuTicks(self), jitEnd = ProcStat.jitTicks(self), pgEnd = postgresTicks(database);
        long all = completions.size();
        long from = t0 + warmup * 1_000_000_000L, to = t0 + (warmup + duration) * 1_000_000_000L;
        long counted = completions.stream().filter(t -> t >= from && t < to).count();
        feeder.interrupt();

        String stepText = (diagrams != null ? "Ordo's diagrams (standard order, no-op delegates)"
                : steps.length + " steps (" + count(steps, "J") + " async no-op jobs, " + count(steps, "W") + " message waits)")
                + ", history " + history + ", job executor core/max/queue " + jobs.getCorePoolSize() + "/"
                + jobs.getMaxPoolSize() + "/" + jobs.getQueueSize() + ", " + jobs.getMaxJobsPerAcquisition()
                + " jobs per acquisition, pool " + ds.getMaximumPoolSize() + ", " + inflight + " in flight, " + duration + " s";
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("instances_per_s", String.format(Locale.ROOT, "%.1f", counted / (double) duration));
        r.put("failures", failures.get());
        r.put("cpu_pct", String.format(Locale.ROOT, "%.1f", (cpuEnd - cpuStart) / ((warmup + duration) * 1.0)));
        r.put("cpu_ms_per_instance", String.format(Locale.ROOT, "%.1f", all == 0 ? 0 : 10.0 * (cpuEnd - cpuStart) / all));
        r.put("cpu_jit_ms_per_instance", String.format(Locale.ROOT, "%.1f", all == 0 ? 0 : 10.0 * Math.max(0, jitEnd - jitStart) / all));
        r.put("cpu_postgres_ms_per_instance", String.format(Locale.ROOT, "%.1f", all == 0 ? 0 : 10.0 * (pgEnd - pgStart) / all));
        r.put("description", stepText);
        StringBuilder out = new StringBuilder();
        String prefix = diagrams != null ? "baseline.diagrams." : "baseline.engine.";
        r.forEach((k, v) -> out.append(prefix).append(k).append('=').append(v).append('\n'));
        System.out.print(out);
        if (args.containsKey("out")) {
            Files.writeString(Path.of(args.get("out")), out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        clients.shutdownNow();
        Runtime.getRuntime().halt(0); // no graceful engine shutdown: the database is dropped anyway
    }

    /** The reference process: the steps of {@code --steps} between a start and an end event. */
    static String deployBaseline(ProcessEngine engine, String[] steps) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("baseline").camundaHistoryTimeToLive(180)
                .startEvent("start");
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].equals("J")) {
                flow = flow.serviceTask("job" + i).camundaAsyncBefore().camundaDelegateExpression("${noop}");
            } else {
                flow = flow.intermediateCatchEvent("wait" + i).message("Message_wait" + i)
                        .camundaExecutionListenerDelegateExpression(ExecutionListener.EVENTNAME_START, "${arrived}");
            }
        }
        BpmnModelInstance model = flow.endEvent("end")
                .camundaExecutionListenerDelegateExpression(ExecutionListener.EVENTNAME_END, "${ended}").done();
        engine.getRepositoryService().createDeployment().addModelInstance("baseline.bpmn", model).deploy();
        return "baseline";
    }

    static long count(String[] steps, String kind) {
        return java.util.Arrays.stream(steps).filter(kind::equals).count();
    }

    /** camunda.* and spring.datasource.* from Ordo's application.yml, then application-postgres.yml. */
    static Map<String, String> ordoConfig() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        for (String file : List.of("application.yml", "application-postgres.yml")) {
            ClassPathResource resource = new ClassPathResource(file);
            if (!resource.exists()) throw new IllegalStateException(file + " is not on the class path (Ordo's jar)");
            for (PropertySource<?> source : yaml.load(file, resource)) {
                var map = (Map<?, ?>) source.getSource();
                map.forEach((k, v) -> config.put(k.toString(), v.toString()));
            }
        }
        return config;
    }

    /** CPU ticks of the PostgreSQL backends connected to {@code database} (still running at the end). */
    static long postgresTicks(String database) {
        return ProcStat.postgresTicks(database).values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code --diagrams}: Ordo's own diagrams on the engine alone (see the class comment). */
    static final class OrdoDiagrams {
        /** Wherever a diagram names a delegate or a listener: sets what the real one sets for the happy path, or nothing. */
        static final class Noop implements JavaDelegate, ExecutionListener, org.camunda.bpm.engine.delegate.TaskListener {
            private final java.util.function.Consumer<org.camunda.bpm.engine.delegate.DelegateExecution> sets;

            Noop(java.util.function.Consumer<org.camunda.bpm.engine.delegate.DelegateExecution> sets) {
                this.sets = sets;
            }

            @Override
            public void execute(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
                sets.accept(execution);
            }

            @Override
            public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
                sets.accept(execution);
            }

            @Override
            public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
            }
        }

        /** {@code ${orderFacts.of(execution.processBusinessKey)...}}: the benchmark order's facts (Ordo reads them from its row). */
        public static final class Facts {
            private final Map<String, Object> facts = benchmarkOrderFacts();

            public Map<String, Object> of(String orderId) {
                return facts;
            }
        }

        /** {@code ${uncapturedAmount.remains(...)}}: nothing is left to void after a full capture. */
        public static final class NothingUncaptured {
            public boolean remains(String orderId) {
                return false;
            }
        }

        static void configure(StandaloneProcessEngineConfiguration cfg, Map<String, String> config, String history,
                              ExecutorService clients, RuntimeService[] runtime, AtomicLong failures, Semaphore permits,
                              ExecutionListener ended) throws Exception {
            // Ordo's generic engine properties (serialization, history cleanup, job acquisition order, ...).
            String generic = "camunda.bpm.generic-properties.properties.";
            Map<String, String> properties = new LinkedHashMap<>();
            config.forEach((k, v) -> {
                // Spring placeholders (${ordo.jobs.retry-cycle}) resolved from the same files
                if (k.startsWith(generic)) properties.put(k.substring(generic.length()),
                        v.startsWith("${") && v.endsWith("}") ? config.getOrDefault(v.substring(2, v.length() - 1), v) : v);
            });
            org.camunda.bpm.container.impl.metadata.PropertyHelper.applyProperties(cfg, properties);
            if (config.containsKey("camunda.bpm.default-serialization-format")) {
                cfg.setDefaultSerializationFormat(config.get("camunda.bpm.default-serialization-format"));
            }
            cfg.setHistory(history);
            List<org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin> plugins = new ArrayList<>(cfg.getProcessEnginePlugins());
            plugins.add(new org.camunda.spin.plugin.impl.SpinProcessEnginePlugin());
            for (String plugin : List.of("dev.ordo.process.HistoryLevelPlugin", "dev.ordo.process.FeelParseCachePlugin")) {
                var constructor = Class.forName(plugin).getDeclaredConstructor();
                constructor.setAccessible(true); // package-private in Ordo's jar
                plugins.add((org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin) constructor.newInstance());
            }
            cfg.setProcessEnginePlugins(plugins);

            Noop none = new Noop(e -> { });
            Map<Object, Object> beans = new java.util.HashMap<>();
            for (String name : List.of("voidPaymentDelegate", "releaseStockDelegate", "refundPaymentDelegate", "cancelLabelsDelegate",
                    "reviewOrderTaskListener", "inspectReturnTaskListener", "deliveryExceptionTaskListener",
                    "deliveryAppointmentTaskListener", "voidReplacedAuthorizationDelegate", "restockReturnDelegate",
                    "reshipShipmentDelegate", "remindCustomerDelegate", "refundShipmentDelegate", "refundReturnDelegate",
                    "reauthorizePaymentDelegate", "issueLicenceDelegate", "createShippingLabelDelegate", "createReturnLabelDelegate",
                    "createFallbackLabelDelegate", "commitStockDelegate", "changeLinesDelegate", "backorderClock",
                    "applyModificationDelegate", "adjustAuthorizationDelegate", "cancelMissingLinesDelegate")) {
                beans.put(name, none);
            }
            // What the real delegates set that the happy path's gateways read (ReserveStockDelegate, ...).
            beans.put("reserveStockDelegate", new Noop(e -> {
                e.setVariable("stockReserved", true);
                e.setVariable("anyReserved", true);
                e.setVariable("availableShare", 1.0);
            }));
            beans.put("authorizePaymentDelegate", new Noop(e -> e.setVariable("paymentAuthorized", true)));
            beans.put("checkHoldsDelegate", new Noop(e -> e.setVariable("onHold", false)));
            beans.put("planShipmentsDelegate", new Noop(e -> e.setVariable("shipmentIds",
                    new ArrayList<>(List.of(java.util.UUID.randomUUID().toString())))));
            beans.put("capturePaymentDelegate", new Noop(e -> {
                e.setVariableLocal("shipmentDelivered", false);
                e.setVariableLocal("shipmentException", false);
            }));
            beans.put("uncapturedAmount", new NothingUncaptured());
            beans.put("orderFacts", new Facts());
            cfg.setBeans(beans);

            // The carrier: once a shipment's wait has committed, its ShipmentShipped- / ShipmentDelivered- message
            // arrives (Ordo's carrier-event endpoint delivers them by subscription name too). The order counts as
            // completed when its order-standard instance ends.
            ExecutionListener arrived = execution -> {
                String instance = execution.getProcessInstanceId();
                Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                        committed -> clients.submit(() -> {
                            try {
                                for (var subscription : runtime[0].createEventSubscriptionQuery().processInstanceId(instance)
                                        .eventType("message").list()) {
                                    String name = subscription.getEventName();
                                    if (name.startsWith("ShipmentShipped-") || name.startsWith("ShipmentDelivered-")) {
                                        runtime[0].createMessageCorrelation(name).processInstanceId(instance).correlate();
                                    }
                                }
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                                permits.release();
                            }
                        }));
            };
            cfg.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(new org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener() {
                @Override
                public void parseProcess(org.camunda.bpm.engine.impl.util.xml.Element element,
                                         org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity definition) {
                    if (definition.getKey().equals("order-standard")) definition.addListener(ExecutionListener.EVENTNAME_END, ended);
                }

                @Override
                public void parseIntermediateMessageCatchEventDefinition(org.camunda.bpm.engine.impl.util.xml.Element element,
                                                                         org.camunda.bpm.engine.impl.pvm.process.ActivityImpl activity) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, arrived);
                }

                @Override
                public void parseEventBasedGateway(org.camunda.bpm.engine.impl.util.xml.Element element,
                                                   org.camunda.bpm.engine.impl.pvm.process.ScopeImpl scope,
                                                   org.camunda.bpm.engine.impl.pvm.process.ActivityImpl activity) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, arrived);
                }
            })));
        }

        /** processes/, decisions/ and ui-forms/ in one deployment, as Ordo deploys them (calledElementBinding=deployment). */
        static String deploy(ProcessEngine engine, Path project) throws Exception {
            var deployment = engine.getRepositoryService().createDeployment().name("ordo-diagrams");
            for (String folder : List.of("processes", "decisions", "ui-forms")) {
                try (var files = Files.list(project.resolve(folder))) {
                    for (Path file : files.sorted().toList()) {
                        deployment.addString(folder + "/" + file.getFileName(), Files.readString(file));
                    }
                }
            }
            deployment.deploy();
            return "order-standard";
        }

        /** What dev.ordo.order.OrderFacts gives for the benchmark's order (LoadGenerator.place). */
        static Map<String, Object> benchmarkOrderFacts() {
            Map<String, Object> v = new java.util.HashMap<>();
            v.put("orderType", "standard");
            v.put("orderTotal", 19.99);
            v.put("customerTier", "regular");
            v.put("newCustomer", false);
            v.put("addressMismatch", false);
            v.put("destinationCountry", "US");
            v.put("destinationRegion", "NJ");
            v.put("shippingMethod", "standard");
            v.put("productCategory", "home");
            v.put("backorderWait", "PT336H");
            v.put("reauthorizeAfter", "PT144H");
            v.put("releaseDate", new java.util.Date());
            return v;
        }
    }
}
