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
        cfg.setBeans(new java.util.HashMap<>(Map.of("noop", noop, "arrived", arrived, "ended", ended)));
        ProcessEngine engine = cfg.buildProcessEngine();
        runtime[0] = engine.getRuntimeService();

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
                            runtime[0].startProcessInstanceByKey("baseline", "b-" + key);
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

        String stepText = steps.length + " steps (" + count(steps, "J") + " async no-op jobs, " + count(steps, "W")
                + " message waits), history " + history + ", job executor core/max/queue " + jobs.getCorePoolSize() + "/"
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
        r.forEach((k, v) -> out.append("baseline.engine.").append(k).append('=').append(v).append('\n'));
        System.out.print(out);
        if (args.containsKey("out")) {
            Files.writeString(Path.of(args.get("out")), out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        clients.shutdownNow();
        Runtime.getRuntime().halt(0); // no graceful engine shutdown: the database is dropped anyway
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
}
